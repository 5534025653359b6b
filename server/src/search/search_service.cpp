#include "atip/server/search_service.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>

#include "atip/document.h"
#include "atip/legal.h"
#include "atip/records.h"
#include "atip/schema.h"
#include "atip/symbols.h"
#include "atip/text.h"
#include "search/comparison.h"
#include "search/facets.h"
#include "search/language_versions.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/record_parser.h"
#include "search/snippets.h"

namespace atip {
namespace s = schema;
namespace {

// Everything derived from one revision of the index: document records with their citation
// graph, titles for completion and the work plan.
struct Catalog {
  std::string revision;
  std::map<std::string, std::shared_ptr<const DocumentRecord>> documents;
  std::vector<WorkPlanItemView> workplan;
  // Results collapse on the rendering group; an index written before groups existed has none.
  Xapian::valueno collapse_slot = s::kSlotDocId;
};

// The other renderings of each document that has some (schema::kMetaRenderingPrefix).
void add_renderings(const Xapian::Database& db, std::map<std::string, DocumentRecord>& records) {
  std::map<std::string, std::vector<std::string>> members;
  const std::string prefix(s::kMetaRenderingPrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    const std::string group = db.get_metadata(*k);
    const std::string id = (*k).substr(prefix.size());
    if (!group.empty() && records.count(id)) members[group].push_back(id);
  }
  for (const auto& [group, ids] : members) {
    for (const auto& id : ids) {
      for (const auto& other : ids) {
        if (other != id) records[id].renderings.push_back(records[other].summary);
      }
    }
  }
}

std::shared_ptr<Catalog> build_catalog(const Xapian::Database& db, const std::string& revision) {
  auto catalog = std::make_shared<Catalog>();
  catalog->revision = revision;
  std::map<std::string, DocumentRecord> documents;
  std::string prefix(s::kMetaDocumentPrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    std::string json = db.get_metadata(*k);
    if (json.empty()) continue;
    auto r = parse_document_record(json);
    if (!r) continue;
    r.value().summary.updated = db.get_metadata(s::term(s::kMetaIndexedPrefix, r.value().summary.id));
    documents.emplace(r.value().summary.id, std::move(r.value()));
  }
  // The citation graph the indexer resolved at commit.
  for (auto& [id, r] : documents) {
    auto graph = records::decode_citations(db.get_metadata(s::term(s::kMetaCitationsPrefix, id)));
    if (!graph) continue;  // an index committed before the graph was: no citations until its next commit
    for (const auto& c : graph.value().cites) r.cites.push_back({c.symbol, c.document});
    r.cited_by = graph.value().cited_by;
  }
  add_renderings(db, documents);
  link_language_versions(documents);
  if (db.get_doccount() > 0 && db.get_value_freq(s::kSlotRendering) == db.get_doccount()) {
    catalog->collapse_slot = s::kSlotRendering;
  }
  for (auto& [id, r] : documents) catalog->documents.emplace(id, std::make_shared<const DocumentRecord>(std::move(r)));
  std::string plan = db.get_metadata(std::string(s::kMetaWorkPlan));
  if (!plan.empty()) {
    auto items = parse_workplan(plan);
    if (items) catalog->workplan = std::move(items.value());
  }
  return catalog;
}

Error unavailable(const std::string& what) { return Error{ErrorCode::kUnavailable, what}; }

void scale_counts(std::vector<std::pair<std::string, std::vector<FacetCount>>>& facets, double factor) {
  if (factor <= 1.0) return;
  for (auto& [name, values] : facets) {
    for (auto& v : values) v.count = static_cast<long long>(std::llround(static_cast<double>(v.count) * factor));
  }
}

// Earlier versions of archived documents are searched only when asked for (versions=all).
// The request's filters: OR within a filter, AND across filters.
Result<std::vector<Xapian::Query>> filter_queries(const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  for (const auto& [name, values] : request.filters) {
    std::vector<Xapian::Query> alternatives;
    for (const auto& v : values) {
      auto f = QueryBuilder::field_filter(name, v);
      if (!f) return f.error();
      alternatives.push_back(f.value());
    }
    if (!alternatives.empty()) {
      filters.push_back(Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
    }
  }
  return filters;
}

// Counts, for every (jurisdiction, item) pair, the passages it sees and their distinct documents.
class CoverageSpy : public Xapian::MatchSpy {
 public:
  explicit CoverageSpy(const std::set<std::string>& items) : items_(items) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string jurisdiction = doc.get_value(s::kSlotJurisdiction);
    const std::string doc_id = doc.get_value(s::kSlotDocId);
    const std::string links = doc.get_value(s::kSlotLinks);
    for (size_t start = 0; start < links.size();) {
      size_t end = links.find(s::kListSeparator, start);
      if (end == std::string::npos) end = links.size();
      std::string item = links.substr(start, end - start);
      if (items_.count(item)) {
        Cell& c = cells_[{jurisdiction, item}];
        ++c.passages;
        c.documents.insert(doc_id);
      }
      start = end + 1;
    }
  }
  struct Cell {
    long long passages = 0;
    std::set<std::string> documents;
  };
  const std::map<std::pair<std::string, std::string>, Cell>& cells() const { return cells_; }

 private:
  const std::set<std::string>& items_;
  std::map<std::pair<std::string, std::string>, Cell> cells_;
};

Xapian::Query current_versions_only(const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(std::string(s::kSupersededMarker)));
}

// Passages of current versions that carry the term.
long long current_passages_with(const Xapian::Database& db, const std::string& term) {
  const Xapian::doccount all = db.get_termfreq(term);
  if (all == 0 || !db.term_exists(std::string(s::kSupersededMarker))) return all;
  Xapian::Enquire enquire(db);
  enquire.set_query(current_versions_only(Xapian::Query(term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// The hits of a page: each passage with its document's summary, links and snippet.
void add_hits(const Xapian::MSet& mset, const Catalog& catalog, const SearchRequest& request, const MatchTerms& terms,
              SearchResponse& response) {
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto detail = parse_passage_data(it.get_document().get_data());
    if (!detail) continue;
    const PassageDetail& p = detail.value();
    SearchHit hit;
    auto doc = catalog.documents.find(p.document_id);
    if (doc != catalog.documents.end()) {
      hit.document = doc->second->summary;
      if (request.group_by_document) hit.also_as = doc->second->renderings;
    } else {
      hit.document.id = p.document_id;
    }
    hit.countries = p.countries;
    hit.orgs = p.orgs;
    for (const auto& l : p.links) {
      if (l.status != kLinkRejected) hit.links.push_back(l.item);
    }
    hit.score = it.get_percent() / 100.0;
    hit.passage = summary_of(p);
    hit.passage.snippet = make_snippet(p.text, p.language, terms);
    if (request.include_text) hit.passage.text = p.text;
    response.hits.push_back(std::move(hit));
  }
}

// "Did you mean": the query with the words the index has never seen replaced by its best
// suggestion; empty when there is none.
std::string corrected_query(const Xapian::Database& db, const std::string& q, const std::vector<std::string>& unknown_words) {
  std::string corrected = q;
  bool changed = false;
  for (const auto& w : unknown_words) {
    std::string suggestion = db.get_spelling_suggestion(text::fold(w), 2);
    if (suggestion.empty()) continue;
    size_t at = corrected.find(w);
    if (at == std::string::npos) continue;
    corrected.replace(at, w.size(), suggestion);
    changed = true;
  }
  return changed ? corrected : std::string();
}

// One matching of a search: its page of hits, the total and the facets, under the time budget.
void match_page(const Xapian::Database& db, const Catalog& catalog, const SearchRequest& request,
                const std::vector<Xapian::Query>& filters, const SearchServiceOptions& options,
                const Xapian::Query& text_query, SearchResponse& response) {
  Xapian::Query q = text_query;
  if (!request.all_versions) q = current_versions_only(q);
  if (!filters.empty()) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  // Passages run from a line to a long article: a milder length normalisation than BM25's
  // default (b = 0.75) keeps a long article that is about the subject from sinking.
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.4, 0.5));
  if (request.group_by_document) enquire.set_collapse_key(catalog.collapse_slot);
  switch (request.sort) {
    case SearchRequest::Sort::kRelevance: break;
    case SearchRequest::Sort::kDate: enquire.set_sort_by_value_then_relevance(s::kSlotDate, false); break;
    case SearchRequest::Sort::kDateDescending: enquire.set_sort_by_value_then_relevance(s::kSlotDate, true); break;
  }
  enquire.set_time_limit(options.time_budget_seconds);
  Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.size);
  auto match_started = std::chrono::steady_clock::now();
  // In passages, grouped or not; 0 checks and counts them all.
  const Xapian::doccount limit =
      options.exact_count_limit == 0 ? db.get_doccount() : options.exact_count_limit;
  const Xapian::doccount check_at_least = std::max<Xapian::doccount>(limit, first + request.size);
  FacetSpy spy(request.group_by_document, limit, catalog.collapse_slot);
  enquire.add_matchspy(&spy);
  Xapian::MSet mset = enquire.get_mset(first, static_cast<Xapian::doccount>(request.size), check_at_least);
  double match_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - match_started).count();
  const bool in_time = match_seconds < options.time_budget_seconds * 0.9;
  // The matcher saw every match when they were fewer than it had to check, or when Xapian's bound
  // says there are no more than it saw.
  const Xapian::doccount seen = request.group_by_document ? spy.documents() : spy.seen();
  response.total_exact =
      in_time && (spy.seen() < check_at_least || mset.get_uncollapsed_matches_upper_bound() == spy.seen());
  response.facets_exact = response.total_exact && spy.counted() == spy.seen();
  response.facets = spy.counts();
  long long estimate = mset.get_matches_estimated();
  if (request.group_by_document) estimate = std::min<long long>(estimate, static_cast<long long>(catalog.documents.size()));
  response.total = response.total_exact ? seen : std::max<long long>(seen, estimate);
  if (!response.facets_exact) {
    // A sample: counts scaled from what was counted to the whole.
    const long long sampled = request.group_by_document ? spy.documents_counted() : spy.counted();
    if (sampled > 0) scale_counts(response.facets, static_cast<double>(response.total) / sampled);
  }
  response.parsed = q.get_description();

  add_hits(mset, catalog, request, match_terms_of(q), response);
}

}  // namespace

struct SearchService::Impl {
  SearchServiceOptions options;
  std::mutex mutex;
  std::mutex build_mutex;
  std::shared_ptr<Catalog> catalog;

  // A number no other service of the process has, unlike its address; and a token that expires
  // with the service.
  const uint64_t id = next_id();
  const std::shared_ptr<const bool> alive = std::make_shared<const bool>(true);

  static uint64_t next_id() {
    static std::atomic<uint64_t> last{0};
    return ++last;
  }

  // One reader per thread and service; reopened before each use so a new revision is seen. A
  // thread closes the readers of services that are gone at its next search.
  Xapian::Database& reader() {
    struct Reader {
      std::weak_ptr<const bool> service;
      std::unique_ptr<Xapian::Database> db;
    };
    thread_local std::unordered_map<uint64_t, Reader> readers;
    std::erase_if(readers, [](const auto& entry) { return entry.second.service.expired(); });
    Reader& r = readers[id];
    if (!r.db) {
      r.service = alive;
      r.db = std::make_unique<Xapian::Database>(options.db_path);
    } else {
      r.db->reopen();
    }
    return *r.db;
  }

  // Runs f with a fresh reader; retries once when a writer commits under it.
  template <typename F>
  auto with_reader(F&& f) -> decltype(f(std::declval<Xapian::Database&>())) {
    for (int attempt = 0;; ++attempt) {
      try {
        return f(reader());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 2) return unavailable("the index is being updated; please retry");
      } catch (const Xapian::DatabaseOpeningError& e) {
        return unavailable("the index cannot be opened: " + e.get_msg());
      } catch (const Xapian::DatabaseError& e) {
        if (attempt >= 1) return unavailable("the index cannot be read: " + e.get_msg());
      } catch (const Xapian::Error& e) {
        return Error{ErrorCode::kInternal, "search failed: " + e.get_description()};
      }
    }
  }

  std::shared_ptr<const Catalog> catalog_for(const Xapian::Database& db) {
    std::string revision = db.get_metadata(std::string(s::kMetaRevision));
    {
      std::lock_guard lock(mutex);
      if (catalog && catalog->revision == revision) return catalog;
    }
    // One thread builds a revision's catalog; the others wait for it rather than build it again.
    std::lock_guard building(build_mutex);
    {
      std::lock_guard lock(mutex);
      if (catalog && catalog->revision == revision) return catalog;
    }
    auto fresh = build_catalog(db, revision);
    std::lock_guard lock(mutex);
    catalog = fresh;
    return fresh;
  }
};

SearchService::SearchService(SearchServiceOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
SearchService::~SearchService() = default;

Result<Health> SearchService::health() {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<Health> {
    Health h;
    h.passages = db.get_doccount() - db.get_termfreq(std::string(s::kSupersededMarker));
    h.documents = db.get_termfreq(std::string(s::kFirstPassageMarker));
    h.revision = std::atoll(db.get_metadata(std::string(s::kMetaRevision)).c_str());
    return h;
  });
}

Result<std::string> SearchService::content_tag() {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<std::string> {
    return db.get_uuid() + "." + db.get_metadata(std::string(s::kMetaRevision));
  });
}

Result<SearchResponse> SearchService::search(const SearchRequest& request) {
  auto started = std::chrono::steady_clock::now();
  if (request.q.size() > impl_->options.max_query_chars) {
    return invalid_argument("The query is too long: at most " + std::to_string(impl_->options.max_query_chars) +
                            " characters.");
  }
  auto parsed = query::parse(request.q);
  if (!parsed) return parsed.error();

  // Languages to analyse the query in: the user's first, then the others.
  std::vector<std::string> languages;
  if (text::is_supported_language(request.lang)) languages.push_back(request.lang);
  for (const auto& l : text::languages()) {
    if (std::find(languages.begin(), languages.end(), l) == languages.end()) languages.push_back(l);
  }

  auto built_filters = filter_queries(request);
  if (!built_filters) return built_filters.error();
  const std::vector<Xapian::Query>& filters = built_filters.value();

  return impl_->with_reader([&](Xapian::Database& db) -> Result<SearchResponse> {
    auto catalog = impl_->catalog_for(db);
    QueryBuilder builder(db, languages);
    auto built = builder.build(parsed.value(), true);
    if (!built) return built.error();
    if (!built.value().has_text && request.q.find_first_not_of(" \t\r\n") != std::string::npos) {
      return invalid_argument("The query has no words to search for.");
    }

    SearchResponse response;
    response.q = request.q;
    response.page = request.page;
    response.size = request.size;
    response.languages = languages;
    match_page(db, *catalog, request, filters, impl_->options, built.value().query, response);
    // Nothing matches every word: fall back to any word, best matches first.
    if (response.total == 0 && built.value().has_text) {
      auto loose = builder.build(parsed.value(), false);
      if (loose && loose.value().query.get_description() != built.value().query.get_description()) {
        SearchResponse retry = response;
        retry.hits.clear();
        match_page(db, *catalog, request, filters, impl_->options, loose.value().query, retry);
        if (retry.total > 0) response = std::move(retry);
      }
    }
    if (std::string corrected = corrected_query(db, request.q, built.value().unknown_words); !corrected.empty()) {
      response.corrected = corrected;
    }
    response.took_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return response;
  });
}

Result<DocumentRecord> SearchService::document(const std::string& id) {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<DocumentRecord> {
    auto catalog = impl_->catalog_for(db);
    auto it = catalog->documents.find(id);
    if (it == catalog->documents.end()) return not_found("no document with id '" + id + "'");
    return *it->second;
  });
}

Result<PassageDetail> SearchService::passage(const std::string& id, int n) {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<PassageDetail> {
    std::string term = s::passage_id_term(id, n);
    auto p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return not_found("document '" + id + "' has no passage " + std::to_string(n));
    auto detail = parse_passage_data(db.get_document(*p).get_data());
    if (!detail) return detail;
    auto catalog = impl_->catalog_for(db);
    auto doc = catalog->documents.find(id);
    const std::string key = article_key(detail.value().article);
    if (doc == catalog->documents.end() || key.empty()) return detail;
    for (const auto& other : doc->second->translations) {
      auto translation = catalog->documents.find(other.id);
      if (translation == catalog->documents.end()) continue;
      auto article = translation->second->article_passages.find(key);
      if (article == translation->second->article_passages.end()) continue;
      const auto& passages = translation->second->passages;
      auto info = std::find_if(passages.begin(), passages.end(), [&](const PassageInfo& i) { return i.n == article->second; });
      detail.value().translations.push_back({other, article->second, info == passages.end() ? std::string() : info->article});
    }
    return detail;
  });
}

Result<std::vector<WorkPlanItemView>> SearchService::workplan() {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<std::vector<WorkPlanItemView>> {
    auto catalog = impl_->catalog_for(db);
    std::vector<WorkPlanItemView> items = catalog->workplan;
    for (auto& i : items) {
      i.passages = current_passages_with(db, s::term(s::kLinkPrefix, i.id));
      i.documents = db.get_termfreq(s::term(s::kDocumentLinkPrefix, i.id));
    }
    return items;
  });
}

Result<Coverage> SearchService::coverage(const SearchRequest& request, const std::string& pillar) {
  auto built_filters = filter_queries(request);
  if (!built_filters) return built_filters.error();
  const std::vector<Xapian::Query>& filters = built_filters.value();
  return impl_->with_reader([&](Xapian::Database& db) -> Result<Coverage> {
    auto catalog = impl_->catalog_for(db);
    Coverage out;
    std::set<std::string> wanted;
    std::vector<Xapian::Query> links;
    for (const auto& item : catalog->workplan) {
      if (!pillar.empty() && item.pillar != pillar) continue;
      out.items.push_back(item);
      wanted.insert(item.id);
      links.emplace_back(s::term(s::kLinkPrefix, item.id));
    }
    if (out.items.empty()) {
      return invalid_argument("no Work Plan item is in the pillar '" + pillar.substr(0, 40) + "'.");
    }
    Xapian::Query q = current_versions_only(Xapian::Query(Xapian::Query::OP_OR, links.begin(), links.end()));
    if (!filters.empty()) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    CoverageSpy spy(wanted);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 0, db.get_doccount());
    std::set<std::string> jurisdictions;
    std::map<std::string, size_t> item_order;
    for (size_t i = 0; i < out.items.size(); ++i) item_order[out.items[i].id] = i;
    for (const auto& [key, cell] : spy.cells()) {
      jurisdictions.insert(key.first);
      out.cells.push_back({key.first, key.second, cell.passages, static_cast<long long>(cell.documents.size())});
    }
    // International instruments first, then countries by code; within one, items in Work Plan order.
    auto rank = [](const std::string& j) { return std::make_pair(j != "INT", j); };
    out.jurisdictions.assign(jurisdictions.begin(), jurisdictions.end());
    std::sort(out.jurisdictions.begin(), out.jurisdictions.end(),
              [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    std::sort(out.cells.begin(), out.cells.end(), [&](const CoverageCell& a, const CoverageCell& b) {
      if (a.jurisdiction != b.jurisdiction) return rank(a.jurisdiction) < rank(b.jurisdiction);
      return item_order[a.item] < item_order[b.item];
    });
    return out;
  });
}

Result<Comparison> SearchService::compare(const CompareRequest& request) {
  auto started = std::chrono::steady_clock::now();
  if (request.q.size() > impl_->options.max_query_chars) {
    return invalid_argument("The query is too long: at most " + std::to_string(impl_->options.max_query_chars) +
                            " characters.");
  }
  SearchRequest filters;
  filters.filters = request.filters;
  if (!filters.filters.count("type")) filters.filters["type"] = provision_types();
  for (const auto& j : request.jurisdictions) filters.filters["jurisdiction"].push_back(j);
  auto built_filters = filter_queries(filters);
  if (!built_filters) return built_filters.error();
  return impl_->with_reader([&](Xapian::Database& db) -> Result<Comparison> {
    auto catalog = impl_->catalog_for(db);
    ComparisonSources sources{db,
                              [&](const std::string& id) -> const DocumentSummary* {
                                auto it = catalog->documents.find(id);
                                return it == catalog->documents.end() ? nullptr : &it->second->summary;
                              },
                              catalog->workplan, built_filters.value(), impl_->options.time_budget_seconds};
    auto r = compare_provisions(request, sources);
    if (!r) return r;
    r.value().types = filters.filters["type"];
    r.value().took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return r;
  });
}

Result<std::vector<Evidence>> SearchService::evidence(const std::string& item_id, WorkPlanItemView* item) {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<std::vector<Evidence>> {
    auto catalog = impl_->catalog_for(db);
    auto found = std::find_if(catalog->workplan.begin(), catalog->workplan.end(),
                              [&](const WorkPlanItemView& v) { return v.id == item_id; });
    if (found == catalog->workplan.end()) return not_found("no Work Plan item '" + item_id + "'");
    if (item) {
      *item = *found;
      item->passages = current_passages_with(db, s::term(s::kLinkPrefix, item_id));
      item->documents = db.get_termfreq(s::term(s::kDocumentLinkPrefix, item_id));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(current_versions_only(Xapian::Query(s::term(s::kLinkPrefix, item_id))));
    enquire.set_sort_by_value(s::kSlotDate, true);
    Xapian::MSet mset = enquire.get_mset(0, 2000);
    std::vector<Evidence> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto p = parse_passage_data(it.get_document().get_data());
      if (!p) continue;
      Evidence e;
      e.passage = std::move(p.value());
      auto doc = catalog->documents.find(e.passage.document_id);
      if (doc != catalog->documents.end()) e.document = doc->second->summary;
      for (const auto& l : e.passage.links) {
        if (l.item == item_id) e.link = l;
      }
      out.push_back(std::move(e));
    }
    // Newest document first; within a document, in reading order.
    std::stable_sort(out.begin(), out.end(), [](const Evidence& a, const Evidence& b) {
      if (a.document.date != b.document.date) return a.document.date > b.document.date;
      if (a.document.id != b.document.id) return a.document.id < b.document.id;
      return a.passage.n < b.passage.n;
    });
    return out;
  });
}

namespace {

constexpr size_t kSuggestCandidates = 40;

// Whether any passage matches q (a cheap existence check).
bool any_match(Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// A word that may complete the one being typed, as written in the passages that hold it.
struct SuggestCandidate {
  std::string surface;
  Xapian::doccount freq = 0;
  bool follows = false;  // continues the typed words as a phrase
  bool in_language = false;
};

// The words that begin with the folded `last`, those most passages hold first (at most kSuggestCandidates).
std::vector<SuggestCandidate> suggest_candidates(Xapian::Database& db, const std::string& last) {
  std::string term_prefix = s::term(s::kSuggestPrefix, last);
  std::map<std::string, Xapian::doccount> by_surface;
  for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
    std::string term = *t;
    size_t bar = term.find(s::kSuggestSeparator);
    if (bar == std::string::npos) continue;
    by_surface[term.substr(bar + 1)] += t.get_termfreq();
  }
  std::vector<SuggestCandidate> candidates;
  for (const auto& [surface, freq] : by_surface) candidates.push_back({surface, freq});
  std::sort(candidates.begin(), candidates.end(), [](const SuggestCandidate& a, const SuggestCandidate& b) {
    return a.freq != b.freq ? a.freq > b.freq : a.surface < b.surface;
  });
  if (candidates.size() > kSuggestCandidates) candidates.resize(kSuggestCandidates);
  return candidates;
}

// Orders candidates (already by frequency): those that follow the typed words (up to three before
// the last) as a phrase first, then those found in passages of lang.
void rank_candidates(Xapian::Database& db, const std::vector<text::Token>& tokens, const std::string& lang,
                     std::vector<SuggestCandidate>& candidates) {
  const bool has_head = tokens.size() > 1;
  std::vector<Xapian::Query> phrase;
  for (size_t i = tokens.size() - 1 - std::min<size_t>(3, tokens.size() - 1); i + 1 < tokens.size(); ++i) {
    phrase.emplace_back(s::term(s::kWordPrefix, tokens[i].folded));
  }
  const bool by_language = text::is_supported_language(lang);
  const Xapian::Query language_filter(s::term(s::kLanguagePrefix, lang));
  for (auto& c : candidates) {
    auto words = text::tokenize(c.surface);
    if (words.empty()) continue;
    const std::string& word = words.front().folded;
    if (has_head) {
      phrase.emplace_back(s::term(s::kWordPrefix, word));
      c.follows = any_match(db, Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end(),
                                              static_cast<Xapian::termcount>(phrase.size())));
      phrase.pop_back();
    }
    if (by_language) {
      c.in_language = any_match(
          db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(s::term(s::kWordPrefix, word)), language_filter));
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const SuggestCandidate& a, const SuggestCandidate& b) {
    if (a.follows != b.follows) return a.follows;
    return a.in_language && !b.in_language;
  });
}

// The typed words with each ranked candidate in place of the last one, up to seven, each once.
void add_completions(const std::string& head, const std::vector<SuggestCandidate>& candidates,
                     std::set<std::string>& seen, std::vector<std::string>& out) {
  const bool any_follows = !candidates.empty() && candidates.front().follows;
  for (const auto& c : candidates) {
    if (any_follows && !c.follows) break;  // "police tr": only what follows "police" somewhere
    std::string completion = head + c.surface;
    if (seen.insert(text::fold(completion)).second) out.push_back(completion);
    if (out.size() >= 7) break;
  }
}

// Document titles that contain the typed words at a word's start, up to ten suggestions in all.
void add_titles(const Catalog& catalog, const std::string& prefix, std::set<std::string>& seen,
                std::vector<std::string>& out) {
  std::string folded_prefix = text::fold(prefix);
  for (const auto& [id, doc] : catalog.documents) {
    if (out.size() >= 10) break;
    std::string title = text::fold(doc->summary.title);
    size_t at = title.find(folded_prefix);
    if (at == std::string::npos || (at > 0 && std::isalnum(static_cast<unsigned char>(title[at - 1])))) continue;
    if (seen.insert(title).second) out.push_back(doc->summary.title);
  }
}

}  // namespace

// Completes the last word being typed. Words that follow the typed words in some passage come first
// ("police tr" -> "police training"), then words found in passages of the asked language, then the
// rest, each by how many passages hold them.
Result<std::vector<std::string>> SearchService::suggest(const std::string& prefix, const std::string& lang) {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    auto tokens = text::tokenize(prefix);
    if (tokens.empty()) return out;
    // Complete the last word; keep the words before it as typed.
    std::string head = prefix.substr(0, tokens.back().begin);
    std::string last = tokens.back().folded;
    if (last.size() < 2) return out;
    bool ends_with_space = !prefix.empty() && prefix.back() == ' ';
    if (ends_with_space) return out;
    std::vector<SuggestCandidate> candidates = suggest_candidates(db, last);
    rank_candidates(db, tokens, lang, candidates);
    std::set<std::string> seen;
    add_completions(head, candidates, seen, out);
    add_titles(*impl_->catalog_for(db), prefix, seen, out);
    return out;
  });
}

Result<std::vector<DocumentSummary>> SearchService::recent_documents(size_t limit) {
  return impl_->with_reader([&](Xapian::Database& db) -> Result<std::vector<DocumentSummary>> {
    auto catalog = impl_->catalog_for(db);
    std::vector<DocumentSummary> out;
    for (const auto& [id, doc] : catalog->documents) out.push_back(doc->summary);
    std::sort(out.begin(), out.end(), [](const DocumentSummary& a, const DocumentSummary& b) {
      if (a.updated != b.updated) return a.updated > b.updated;
      return a.id < b.id;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
  });
}

}  // namespace atip
