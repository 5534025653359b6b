#include "store/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "atip/json_writer.h"
#include "atip/schema.h"
#include "atip/symbols.h"
#include "atip/text.h"

namespace atip {
namespace {

using namespace std::string_literals;
namespace s = schema;

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out.push_back(s::kListSeparator);
    out += i;
  }
  return out;
}

// "2012-09-04" -> "20120904", "2012" -> "20120000".
std::string sortable_date(const std::string& date) {
  std::string digits;
  for (char c : date) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  digits.resize(8, '0');
  return digits;
}

const std::string kSignaturePrefix = "sig:";

std::string passage_json(const IndexedDocument& doc, const Passage& p) {
  JsonWriter w;
  w.begin_object()
      .key("doc").value(doc.meta.id)
      .key("n").value(p.n)
      .key("page").value(p.page)
      .key("heading").value(p.heading)
      .key("language").value(p.language)
      .key("date").value_or_null(p.date)
      .key("place").value(p.place)
      .key("footnote").value(p.footnote)
      .key("text").value(p.text)
      .key("countries").string_array(p.countries)
      .key("orgs").string_array(p.orgs)
      .key("links").begin_array();
  for (const auto& l : p.links) {
    w.begin_object().key("item").value(l.item).key("method").value(l.method).key("score").value(l.score)
        .key("status").value(l.status).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string document_json(const IndexedDocument& doc) {
  const auto& m = doc.meta;
  JsonWriter w;
  w.begin_object()
      .key("id").value(m.id)
      .key("title").value(m.title)
      .key("type").value(m.type)
      .key("symbols").string_array(m.symbols)
      .key("language").value(m.language)
      .key("date").value_or_null(m.date)
      .key("years").begin_array();
  for (int y : m.years) w.value(y);
  w.end_array()
      .key("jurisdiction").value(m.jurisdiction)
      .key("source").value(m.source)
      .key("note").value(m.note)
      .key("countries").string_array(doc.countries)
      .key("orgs").string_array(doc.orgs)
      .key("pages").value(doc.pages)
      .key("file").begin_object()
      .key("path").value(doc.file.path)
      .key("name").value(doc.file.name)
      .key("content_type").value(doc.file.content_type)
      .key("size").value(doc.file.size)
      .key("hash").value(doc.file.hash)
      .end_object();
  std::vector<std::string> own_keys;
  for (const auto& sym : m.symbols) {
    std::string key = normalize_symbol(sym);
    if (!key.empty() && std::find(own_keys.begin(), own_keys.end(), key) == own_keys.end()) own_keys.push_back(key);
  }
  w.key("symbol_keys").string_array(own_keys);
  w.key("passages").begin_array();
  for (const auto& p : doc.passages) {
    w.begin_object().key("n").value(p.n).key("page").value(p.page).key("heading").value(p.heading)
        .key("language").value(p.language).key("date").value_or_null(p.date).key("links").begin_array();
    for (const auto& l : p.links) w.value(l.item);
    w.end_array().end_object();
  }
  w.end_array();
  w.key("link_details").begin_array();
  for (const auto& p : doc.passages) {
    for (const auto& l : p.links) {
      w.begin_object().key("item").value(l.item).key("passage").value(p.n).key("method").value(l.method)
          .key("score").value(l.score).key("status").value(l.status).end_object();
    }
  }
  w.end_array();
  // Citations: each normalized symbol once, with the first way it was written.
  std::map<std::string, std::string> cites;
  for (const auto& p : doc.passages) {
    for (size_t i = 0; i < p.symbols.size() && i < p.cited_symbols.size(); ++i) {
      if (std::find(own_keys.begin(), own_keys.end(), p.symbols[i]) != own_keys.end()) continue;
      cites.emplace(p.symbols[i], p.cited_symbols[i]);
    }
  }
  w.key("cites").begin_array();
  for (const auto& [key, written] : cites) {
    w.begin_object().key("symbol").value(written).key("key").value(key).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  bool in_transaction = false;
  std::map<std::string, text::Stemmer> stemmers;

  const text::Stemmer& stemmer(const std::string& lang) {
    auto it = stemmers.find(lang);
    if (it == stemmers.end()) it = stemmers.emplace(lang, text::Stemmer(lang)).first;
    return it->second;
  }

  void forget_spelling(Xapian::docid id) {
    Xapian::Document d = db.get_document(id);
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) continue;
      db.remove_spelling(term, t.get_wdf());
    }
  }

  void delete_passages(const std::string& id) {
    std::string term = s::term(s::kDocumentPrefix, id);
    std::vector<Xapian::docid> ids;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) ids.push_back(*p);
    for (auto docid : ids) forget_spelling(docid);
    if (!ids.empty()) db.delete_document(term);
  }

  Xapian::Document make_passage(const IndexedDocument& doc, const Passage& p) {
    const auto& m = doc.meta;
    Xapian::Document d;
    d.set_data(passage_json(doc, p));
    const text::Stemmer& stem = stemmer(p.language.empty() ? m.language : p.language);
    Xapian::termpos pos = 0;
    auto index_words = [&](const std::string& text, Xapian::termcount wdf) {
      for (const auto& t : text::tokenize(text)) {
        ++pos;
        d.add_posting(t.folded, pos, wdf);
        bool digit = std::isdigit(static_cast<unsigned char>(t.folded[0]));
        if (!digit && !text::is_stopword(t.folded, stem.language())) {
          d.add_posting(s::term(s::kStemPrefix, stem(t.folded)), pos, wdf);
        }
        if (t.lowered != t.folded) d.add_term(s::term(s::kAccentedPrefix, t.lowered), wdf);
        if (!digit && t.folded.size() >= 3 && t.folded.size() < 60) {
          db.add_spelling(t.folded);
          if (!text::is_stopword_any(t.folded)) {
            d.add_boolean_term(s::term(s::kSuggestPrefix, t.folded + "|" + t.lowered));
          }
        }
      }
      pos += 50;
    };
    index_words(p.text, 1);
    if (!p.heading.empty()) index_words(p.heading, 1);
    for (const auto& t : text::tokenize(m.title)) d.add_term(s::term(s::kTitlePrefix, t.folded));

    d.add_boolean_term(s::passage_id_term(m.id, p.n));
    d.add_boolean_term(s::term(s::kDocumentPrefix, m.id));
    d.add_boolean_term(s::term(s::kTypePrefix, m.type));
    d.add_boolean_term(s::term(s::kJurisdictionPrefix, m.jurisdiction));
    if (!p.language.empty()) d.add_boolean_term(s::term(s::kLanguagePrefix, p.language));
    for (const auto& c : p.countries) d.add_boolean_term(s::term(s::kCountryPrefix, c));
    for (const auto& o : p.orgs) d.add_boolean_term(s::term(s::kOrgPrefix, o));
    for (const auto& sym : m.symbols) {
      std::string key = normalize_symbol(sym);
      if (!key.empty() && key.size() < 200) d.add_boolean_term(s::term(s::kSymbolPrefix, key));
    }
    std::vector<std::string> links;
    for (const auto& l : p.links) {
      d.add_boolean_term(s::term(s::kLinkPrefix, l.item));
      links.push_back(l.item);
    }
    std::vector<std::string> years;
    std::set<int> year_set(m.years.begin(), m.years.end());
    if (!p.date.empty()) year_set = {std::atoi(p.date.substr(0, 4).c_str())};
    if (year_set.empty() && m.date.size() >= 4) year_set.insert(std::atoi(m.date.substr(0, 4).c_str()));
    for (int y : year_set) {
      if (y <= 0) continue;
      d.add_boolean_term(s::term(s::kYearPrefix, std::to_string(y)));
      years.push_back(std::to_string(y));
    }
    if (p.n == 1) {
      d.add_boolean_term(std::string(s::kFirstPassageMarker));
      std::set<std::string> doc_links;
      for (const auto& q : doc.passages) {
        for (const auto& l : q.links) doc_links.insert(l.item);
      }
      for (const auto& l : doc_links) d.add_boolean_term(s::term(s::kDocumentLinkPrefix, l));
    }
    d.add_value(s::kSlotDocId, m.id);
    d.add_value(s::kSlotDate, sortable_date(p.date.empty() ? m.date : p.date));
    d.add_value(s::kSlotType, m.type);
    d.add_value(s::kSlotJurisdiction, m.jurisdiction);
    d.add_value(s::kSlotLanguage, p.language);
    d.add_value(s::kSlotCountries, join_list(p.countries));
    d.add_value(s::kSlotLinks, join_list(links));
    d.add_value(s::kSlotYears, join_list(years));
    d.add_value(s::kSlotOrgs, join_list(p.orgs));
    d.add_value(s::kSlotPassageNo, Xapian::sortable_serialise(p.n));
    return d;
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() { abandon(); }

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::filesystem::path& path) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    impl->db.begin_transaction(true);
    impl->in_transaction = true;
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Error{ErrorCode::kUnavailable, "index is locked by another writer: " + e.get_msg()};
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "cannot open index " + path.string() + ": " + e.get_description()};
  }
}

std::optional<std::string> IndexWriter::signature(const std::string& id) const {
  std::string sig = impl_->db.get_metadata(kSignaturePrefix + id);
  if (sig.empty()) return std::nullopt;
  return sig;
}

std::vector<std::string> IndexWriter::document_ids() const {
  std::vector<std::string> ids;
  std::string prefix(s::kDocumentPrefix);
  for (auto t = impl_->db.allterms_begin(prefix); t != impl_->db.allterms_end(prefix); ++t) {
    ids.push_back((*t).substr(prefix.size()));
  }
  return ids;
}

void IndexWriter::replace_document(const IndexedDocument& doc) {
  impl_->delete_passages(doc.meta.id);
  for (const auto& p : doc.passages) impl_->db.add_document(impl_->make_passage(doc, p));
  impl_->db.set_metadata(s::term(s::kMetaDocumentPrefix, doc.meta.id), document_json(doc));
  impl_->db.set_metadata(kSignaturePrefix + doc.meta.id, doc.file.hash);
}

void IndexWriter::remove_document(const std::string& id) {
  impl_->delete_passages(id);
  impl_->db.set_metadata(s::term(s::kMetaDocumentPrefix, id), "");
  impl_->db.set_metadata(kSignaturePrefix + id, "");
}

void IndexWriter::set_workplan(const std::string& json) { impl_->db.set_metadata(std::string(s::kMetaWorkPlan), json); }

void IndexWriter::set_thesaurus(const std::vector<Concept>& concepts) {
  auto& db = impl_->db;
  std::vector<std::string> old_keys;
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) old_keys.push_back(*k);
  for (const auto& k : old_keys) db.clear_synonyms(k);
  for (const auto& c : concepts) {
    // Values carry the term's language so the query side can stem them: "es:trata de personas".
    std::vector<std::pair<std::string, std::string>> keyed;  // key, value
    for (const auto& t : c.terms) {
      std::string key = synonym_key(t.text);
      if (key.empty()) continue;
      keyed.emplace_back(key, t.lang + ":" + key);
      // The stemmed form as a key too, so "victims" and "víctimas" find the concept.
      const text::Stemmer& stem = impl_->stemmer(t.lang);
      std::string stemmed;
      for (const auto& tok : text::tokenize(key)) {
        if (text::is_stopword(tok.folded, t.lang)) continue;
        if (!stemmed.empty()) stemmed.push_back(' ');
        stemmed += stem(tok.folded);
      }
      if (!stemmed.empty()) keyed.emplace_back(s::term(s::kStemPrefix, stemmed), t.lang + ":" + key);
    }
    for (const auto& [key, unused] : keyed) {
      for (const auto& [other_key, value] : keyed) {
        if (other_key[0] == s::kStemPrefix[0]) continue;  // values: unstemmed forms only
        db.add_synonym(key, value);
      }
    }
  }
}

Result<long long> IndexWriter::commit() {
  try {
    std::string old = impl_->db.get_metadata(std::string(s::kMetaRevision));
    long long revision = old.empty() ? 1 : std::atoll(old.c_str()) + 1;
    impl_->db.set_metadata(std::string(s::kMetaRevision), std::to_string(revision));
    impl_->db.commit_transaction();
    impl_->in_transaction = false;
    impl_->db.close();
    return revision;
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "commit failed: " + e.get_description()};
  }
}

void IndexWriter::abandon() {
  if (!impl_ || !impl_->in_transaction) return;
  try {
    impl_->db.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
  impl_->in_transaction = false;
}

}  // namespace atip
