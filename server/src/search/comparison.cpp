#include "search/comparison.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "atip/document.h"
#include "atip/schema.h"
#include "atip/text.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/record_parser.h"
#include "search/snippets.h"

namespace atip {
namespace s = schema;
namespace {

constexpr Xapian::doccount kMaxColumns = 60;
// A passage compared with others is read up to here: an article's opening says what it is about.
constexpr size_t kMaxSubjectChars = 2000;
constexpr size_t kMaxItemWords = 60;
constexpr size_t kMaxPassageWords = 400;
const std::string kInternational = "INT";

// What the provisions are compared on.
struct Subject {
  Xapian::Query strict;  // every word of the subject (or empty)
  Xapian::Query loose;   // any of them
  std::vector<ConceptExpansion> concepts;
  std::set<std::string> items;  // Work Plan items whose links explain a provision's choice
  std::string own_document;     // a passage's own document is not compared with itself ...
  std::string own_title;        // ... nor with another rendering of it (folded title)
};

// Text as a plain query of its words: no operator, field or quote of the source survives.
std::string words_only(const std::string& text, size_t max_words) {
  std::string out;
  size_t n = 0;
  for (const auto& t : text::tokenize(text)) {
    if (n++ >= max_words) break;
    if (!out.empty()) out.push_back(' ');
    out += t.folded;
  }
  return out;
}

Result<BuiltQuery> build_words(const Xapian::Database& db, const std::string& words,
                               const std::vector<std::string>& languages, bool all_required) {
  auto parsed = query::parse(words);
  if (!parsed) return parsed.error();
  QueryBuilder builder(db, languages);
  return builder.build(parsed.value(), all_required);
}

std::vector<std::string> query_languages(const std::string& first) {
  std::vector<std::string> languages;
  if (text::is_supported_language(first)) languages.push_back(first);
  for (const auto& l : text::languages()) {
    if (std::find(languages.begin(), languages.end(), l) == languages.end()) languages.push_back(l);
  }
  return languages;
}

Result<Subject> subject_of_query(const CompareRequest& request, const ComparisonSources& src, Comparison& out) {
  auto parsed = query::parse(request.q);
  if (!parsed) return parsed.error();
  out.languages = query_languages(request.lang);
  QueryBuilder builder(src.db, out.languages);
  auto strict = builder.build(parsed.value(), true);
  if (!strict) return strict.error();
  if (!strict.value().has_text) return invalid_argument("The query has no words to compare provisions on.");
  auto loose = builder.build(parsed.value(), false);
  if (!loose) return loose.error();
  Subject subject;
  subject.strict = strict.value().query;
  subject.loose = loose.value().query;
  subject.concepts = strict.value().concepts;
  return subject;
}

Result<Subject> subject_of_item(const CompareRequest& request, const ComparisonSources& src, Comparison& out) {
  auto found = std::find_if(src.workplan.begin(), src.workplan.end(),
                            [&](const WorkPlanItemView& v) { return v.id == request.item; });
  if (found == src.workplan.end()) return not_found("no Work Plan item '" + request.item.substr(0, 40) + "'");
  out.item = *found;
  out.languages = query_languages(request.lang);
  auto built = build_words(src.db, words_only(found->text, kMaxItemWords), out.languages, false);
  if (!built) return built.error();
  Subject subject;
  const Xapian::Query linked(s::term(s::kLinkPrefix, found->id));
  // Every passage linked to the item, those that share its words first.
  subject.loose = built.value().has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, linked, built.value().query) : linked;
  subject.concepts = built.value().concepts;
  subject.items.insert(found->id);
  return subject;
}

Result<Subject> subject_of_passage(const CompareRequest& request, const ComparisonSources& src, Comparison& out) {
  const std::string term = s::passage_id_term(request.passage_document, request.passage_n);
  auto posting = src.db.postlist_begin(term);
  if (posting == src.db.postlist_end(term)) {
    return not_found("document '" + request.passage_document + "' has no passage " + std::to_string(request.passage_n));
  }
  auto passage = parse_passage_data(src.db.get_document(*posting).get_data());
  if (!passage) return passage.error();
  out.passage = passage.value();
  if (const DocumentSummary* d = src.document(out.passage.document_id)) out.passage_document = *d;
  // The passage's words are analysed in its own language; other languages are reached through concepts.
  out.languages = {out.passage.language.empty() ? std::string("en") : out.passage.language};
  std::string text = out.passage.text.substr(0, kMaxSubjectChars);
  auto built = build_words(src.db, words_only(text, kMaxPassageWords), out.languages, false);
  if (!built) return built.error();
  if (!built.value().has_text) return invalid_argument("the passage has no words to compare it on.");
  Subject subject;
  subject.loose = built.value().query;
  subject.concepts = built.value().concepts;
  subject.own_document = out.passage.document_id;
  subject.own_title = text::fold(out.passage_document.title);
  for (const auto& l : out.passage.links) {
    if (l.status != kLinkRejected) subject.items.insert(l.item);
  }
  return subject;
}

// The distinct marked words of a highlighted text, as written there.
std::vector<std::string> marked_words(const std::string& highlighted) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  const std::string open = "<mark>", close = "</mark>";
  for (size_t at = highlighted.find(open); at != std::string::npos; at = highlighted.find(open, at)) {
    at += open.size();
    size_t end = highlighted.find(close, at);
    if (end == std::string::npos) break;
    std::string word = highlighted.substr(at, end - at);
    if (seen.insert(text::fold(word)).second) out.push_back(word);
    at = end + close.size();
  }
  return out;
}

// A thesaurus term as the API spells it: "fr:refuge" (the index writes "fr=refuge" for one matched by its words).
std::string term_name(std::string value) {
  size_t at = value.find_first_of(":=");
  if (at != std::string::npos) value[at] = ':';
  return value;
}

// The thesaurus terms a provision holds among those the subject was expanded to.
std::vector<std::string> concepts_held(const std::vector<ConceptExpansion>& concepts, const std::set<std::string>& held) {
  std::vector<std::string> out;
  for (const auto& c : concepts) {
    for (const auto& value : c.terms) {
      Xapian::Query q = QueryBuilder::synonym_value(value);
      bool all = q.get_terms_begin() != q.get_terms_end();
      for (auto t = q.get_terms_begin(); t != q.get_terms_end() && all; ++t) all = held.count(*t) > 0;
      if (all && std::find(out.begin(), out.end(), term_name(value)) == out.end()) out.push_back(term_name(value));
    }
  }
  return out;
}

// Two renderings of one law share their title and article labels, not always their text (a line
// cut differently): an article is known by title and label, an unlabelled passage by its text.
std::string same_provision_key(const DocumentSummary& document, const std::string& article, const std::string& text) {
  if (article.empty()) return text::fold(text);
  return text::fold(document.title) + "|" + article + "|" + text::fold(text.substr(0, 12));
}

// Runs q and adds the best provisions of each jurisdiction to columns, up to per each, skipping
// texts a column already holds (the same law in two renderings).
void collect(const Xapian::Query& text_query, const Subject& subject, const CompareRequest& request,
             const ComparisonSources& src, std::map<std::string, CompareColumn>& columns) {
  if (text_query.empty()) return;
  Xapian::Query q(Xapian::Query::OP_AND_NOT, text_query, Xapian::Query(std::string(s::kSupersededMarker)));
  if (!subject.own_document.empty()) {
    q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(s::term(s::kDocumentPrefix, subject.own_document)));
  }
  if (!src.filters.empty()) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, src.filters.begin(), src.filters.end()));
  }
  Xapian::Enquire enquire(src.db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.4, 0.5));
  // Twice as many as shown, so a column still fills when renderings repeat a text.
  const auto per_column = static_cast<Xapian::doccount>(request.per * 2);
  enquire.set_collapse_key(s::kSlotJurisdiction, per_column);
  enquire.set_time_limit(src.time_budget_seconds);
  Xapian::MSet mset = enquire.get_mset(0, kMaxColumns * per_column);
  const MatchTerms terms = match_terms_of(text_query);
  std::map<std::string, std::set<std::string>> texts_seen;
  for (const auto& [j, column] : columns) {
    for (const auto& p : column.provisions) texts_seen[j].insert(same_provision_key(p.document, p.passage.article, p.passage.text));
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string jurisdiction = it.get_document().get_value(s::kSlotJurisdiction);
    CompareColumn& column = columns[jurisdiction];
    column.jurisdiction = jurisdiction;
    if (column.provisions.size() >= static_cast<size_t>(request.per)) continue;
    auto detail = parse_passage_data(it.get_document().get_data());
    if (!detail) continue;
    const PassageDetail& p = detail.value();
    Provision prov;
    if (const DocumentSummary* d = src.document(p.document_id)) {
      prov.document = *d;
    } else {
      prov.document.id = p.document_id;
      prov.document.jurisdiction = jurisdiction;
    }
    if (!subject.own_title.empty() && text::fold(prov.document.title) == subject.own_title) continue;
    if (!texts_seen[jurisdiction].insert(same_provision_key(prov.document, p.article, p.text)).second) continue;
    prov.passage = summary_of(p);
    prov.passage.text = p.text;
    prov.passage.snippet = make_snippet(p.text, p.language, terms);
    prov.highlighted = make_snippet(p.text, p.language, terms, p.text.size() + 1);
    prov.score = it.get_percent() / 100.0;
    prov.words = marked_words(prov.highlighted);
    std::set<std::string> held(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
    prov.concepts = concepts_held(subject.concepts, held);
    for (const auto& l : p.links) {
      if (l.status != kLinkRejected && subject.items.count(l.item)) prov.links.push_back(l);
    }
    // A provision is shown for a reason a reader can see: words of the subject in its text, a concept
    // or a link (not a stem its heading shares with them).
    if (prov.words.empty() && prov.concepts.empty() && prov.links.empty()) continue;
    column.provisions.push_back(std::move(prov));
  }
}

// The columns asked for in their order; else international instruments, model laws, then the
// jurisdictions whose best provision fits the subject best.
std::vector<CompareColumn> ordered(std::map<std::string, CompareColumn> columns, const std::vector<std::string>& asked) {
  std::vector<CompareColumn> out;
  if (!asked.empty()) {
    for (const auto& j : asked) {
      auto it = columns.find(j);
      out.push_back(it == columns.end() ? CompareColumn{j, {}} : std::move(it->second));
    }
    return out;
  }
  for (auto& [j, c] : columns) {
    if (!c.provisions.empty()) out.push_back(std::move(c));
  }
  auto rank = [](const CompareColumn& c) {
    const bool model = std::any_of(c.provisions.begin(), c.provisions.end(),
                                   [](const Provision& p) { return p.document.type == "model-law"; });
    return std::make_tuple(c.jurisdiction == kInternational ? 0 : model ? 1 : 2, -c.provisions.front().score);
  };
  std::stable_sort(out.begin(), out.end(), [&](const CompareColumn& a, const CompareColumn& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace

const std::vector<std::string>& provision_types() {
  static const std::vector<std::string> types = {"law", "treaty", "model-law"};
  return types;
}

Result<Comparison> compare_provisions(const CompareRequest& request, const ComparisonSources& src) {
  Comparison out;
  out.subject = request.subject;
  out.q = request.q;
  out.per = request.per;
  Result<Subject> subject = invalid_argument("no subject");
  switch (request.subject) {
    case CompareRequest::Subject::kQuery: subject = subject_of_query(request, src, out); break;
    case CompareRequest::Subject::kItem: subject = subject_of_item(request, src, out); break;
    case CompareRequest::Subject::kPassage: subject = subject_of_passage(request, src, out); break;
  }
  if (!subject) return subject.error();
  for (const auto& c : subject.value().concepts) {
    ConceptUse use{c.words, {}};
    for (const auto& t : c.terms) use.terms.push_back(term_name(t));
    out.concepts.push_back(std::move(use));
  }
  std::map<std::string, CompareColumn> columns;
  // Provisions that hold every word of the subject come first; the rest fill what is missing.
  collect(subject.value().strict, subject.value(), request, src, columns);
  collect(subject.value().loose, subject.value(), request, src, columns);
  out.columns = ordered(std::move(columns), request.jurisdictions);
  return out;
}

}  // namespace atip
