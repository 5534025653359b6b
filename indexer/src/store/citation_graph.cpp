#include "store/citation_graph.h"

#include <cctype>
#include <set>
#include <vector>

#include "atip/schema.h"
#include "atip/symbols.h"
#include "atip/text.h"

namespace atip {
namespace {

namespace s = schema;

// The words a title is cited by: folded, without stopwords, numbers or a parenthesised remark
// ("(Period 2012-2013)").
std::vector<std::string> title_words(const std::string& title) {
  std::string plain;
  int depth = 0;
  for (char c : title) {
    if (c == '(') ++depth;
    if (depth == 0) plain.push_back(c);
    if (c == ')' && depth > 0) --depth;
  }
  std::vector<std::string> words;
  for (const auto& t : text::tokenize(plain)) {
    if (std::isdigit(static_cast<unsigned char>(t.folded[0])) || text::is_stopword_any(t.folded)) continue;
    words.push_back(t.folded);
  }
  return words;
}

constexpr size_t kMinTitleWords = 5;
constexpr size_t kMaxTitleCitedDocuments = 100;  // titles searched per commit; the rest by symbol only

// Documents others cite by their name: work plans, resolutions, conclusions, model laws, treaties.
bool cited_by_title(const std::string& type) {
  return type == "work-plan" || type == "resolution" || type == "conclusions" || type == "model-law" || type == "treaty";
}

// Documents that name another by its title, near enough: every content word of the title but one,
// close together ("the Work Plan against Trafficking in Persons in the Western Hemisphere" names the
// "Work Plan to Combat Trafficking in Persons in the Western Hemisphere 2010-2014"). The word left
// out is never the ordinal of a meeting: the First Meeting's conclusions are not the Third's.
std::set<std::string> documents_naming(const Xapian::Database& db, const std::vector<std::string>& words) {
  std::vector<Xapian::Query> alternatives;
  for (size_t skip = 0; skip < words.size(); ++skip) {
    if (meeting_ordinal(words[skip]) != 0) continue;
    std::vector<Xapian::Query> near;
    for (size_t i = 0; i < words.size(); ++i) {
      if (i != skip) near.emplace_back(s::term(s::kWordPrefix, words[i]));
    }
    alternatives.emplace_back(Xapian::Query::OP_NEAR, near.begin(), near.end(),
                              static_cast<Xapian::termcount>(words.size() + 4));
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                  Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()),
                                  Xapian::Query(std::string(s::kSupersededMarker))));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_collapse_key(s::kSlotDocId);
  std::set<std::string> out;
  Xapian::MSet mset = enquire.get_mset(0, 10000);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(it.get_document().get_value(s::kSlotDocId));
  return out;
}

}  // namespace

std::map<std::string, records::Citations> citation_graph(const Xapian::Database& db) {
  std::map<std::string, records::Document> documents;
  const std::string prefix(s::kMetaDocumentPrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    auto d = records::decode_document(db.get_metadata(*k));
    if (d) documents.emplace(d.value().id, std::move(d.value()));
  }
  std::map<std::string, std::string> by_symbol;
  for (const auto& [id, d] : documents) {
    for (const auto& key : d.symbol_keys) by_symbol.emplace(key, id);
  }
  std::map<std::string, records::Citations> graph;
  std::map<std::string, std::set<std::string>> cited_by;
  for (const auto& [id, d] : documents) {
    auto& mine = graph[id];
    for (const auto& c : d.cites) {
      auto it = by_symbol.find(c.key);
      const std::string target = it == by_symbol.end() ? std::string() : it->second;
      mine.cites.push_back({c.symbol, target});
      if (!target.empty() && target != id) cited_by[target].insert(id);
    }
  }
  // What symbols did not resolve, titles may: for documents that are cited by name.
  size_t searched = 0;
  for (const auto& [cited, d] : documents) {
    if (!cited_by_title(d.type) || searched >= kMaxTitleCitedDocuments) continue;
    auto words = title_words(d.title);
    if (words.size() < kMinTitleWords) continue;
    ++searched;
    for (const auto& citing : documents_naming(db, words)) {
      if (citing == cited || !documents.count(citing) || cited_by[cited].count(citing)) continue;
      cited_by[cited].insert(citing);
      graph[citing].cites.push_back({d.symbols.empty() ? d.title : d.symbols.front(), cited});
    }
  }
  for (auto& [id, entry] : graph) {
    auto it = cited_by.find(id);
    if (it != cited_by.end()) entry.cited_by.assign(it->second.begin(), it->second.end());
  }
  return graph;
}

void store_citation_graph(Xapian::WritableDatabase& db, const std::map<std::string, records::Citations>& graph) {
  const std::string prefix(s::kMetaCitationsPrefix);
  std::vector<std::string> gone;
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    if (!graph.count((*k).substr(prefix.size()))) gone.push_back(*k);
  }
  for (const auto& key : gone) db.set_metadata(key, "");
  for (const auto& [id, entry] : graph) {
    const std::string key = prefix + id;
    std::string value = records::encode(entry);
    if (db.get_metadata(key) != value) db.set_metadata(key, value);
  }
}

}  // namespace atip
