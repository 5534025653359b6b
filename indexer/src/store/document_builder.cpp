#include "store/document_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "atip/fields.h"
#include "atip/legal.h"
#include "atip/records.h"
#include "atip/schema.h"
#include "atip/symbols.h"
#include "analyze/passage_segmenter.h"
#include "store/renderings.h"

namespace atip {
namespace {

namespace s = schema;

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out.push_back(s::kListSeparator);
    out += i;
  }
  return out;
}

// A citation as written, on one line: "Conclusion No. 3 of the Third Meeting of\nNational Authorities".
std::string one_line(std::string_view written) {
  std::string out;
  for (char c : written) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space) out.push_back(c);
    else if (!out.empty() && out.back() != ' ') out.push_back(' ');
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

// The keys of a document's own symbols; a meeting's conclusions are also known by the meeting
// ("rtp-iii/conclusions"), which is how texts cite them ("Conclusion No. 3 of the Third Meeting").
std::vector<std::string> own_symbol_keys(const DocumentMetadata& m) {
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  for (const auto& sym : m.symbols) {
    std::string key = normalize_symbol(sym);
    if (m.type == "conclusions") add(conclusions_key(key));
    add(std::move(key));
  }
  return keys;
}

// The passage's place in the outline, from the outermost heading to its own article.
std::vector<records::PathStep> path_of(const Passage& p, const ArticleCaption& article) {
  std::vector<records::PathStep> path = p.path;
  if (!article.label.empty()) path.push_back({std::string(kArticleStep), article.label, article.caption});
  return path;
}

records::Link link_record(const WorkPlanLink& l, int passage) {
  return {l.item, passage, l.method, l.score, l.status, l.basis};
}

records::Passage passage_record(const IndexedDocument& doc, const Passage& p) {
  const ArticleCaption article = split_article_caption(p.article);
  records::Passage r;
  r.document = doc.meta.id;
  r.n = p.n;
  r.page = p.page;
  r.heading = p.heading;
  r.article = article.label;
  r.caption = article.caption;
  r.path = path_of(p, article);
  r.language = p.language;
  r.date = p.date;
  r.place = p.place;
  r.footnote = p.footnote;
  r.ocr = p.ocr;
  if (p.ocr) r.ocr_confidence = p.ocr_confidence;
  r.text = p.text;
  r.countries = p.countries;
  r.orgs = p.orgs;
  for (const auto& l : p.links) r.links.push_back(link_record(l, 0));
  return r;
}

// Citations: each normalized symbol once, with the first way it was written.
std::vector<records::Citation> citations_of(const IndexedDocument& doc, const std::vector<std::string>& own_keys) {
  std::map<std::string, std::string> cites;
  for (const auto& p : doc.passages) {
    for (size_t i = 0; i < p.symbols.size() && i < p.cited_symbols.size(); ++i) {
      if (std::find(own_keys.begin(), own_keys.end(), p.symbols[i]) != own_keys.end()) continue;
      cites.emplace(p.symbols[i], one_line(p.cited_symbols[i]));
    }
  }
  std::vector<records::Citation> out;
  for (const auto& [key, written] : cites) out.push_back({written, key});
  return out;
}

// own_keys: own_symbol_keys(doc.meta).
records::Document document_record(const IndexedDocument& doc, const std::vector<std::string>& own_keys) {
  const auto& m = doc.meta;
  records::Document r;
  r.id = m.id;
  r.title = m.title;
  r.type = m.type;
  r.symbols = m.symbols;
  r.language = m.language;
  r.date = m.date;
  r.years = m.years;
  r.jurisdiction = m.jurisdiction;
  r.source = m.source;
  r.note = m.note;
  r.countries = doc.countries;
  r.orgs = doc.orgs;
  r.pages = doc.pages;
  // The document's OCR confidence: over its words, so a page with few words counts for little.
  double sum = 0;
  int words = 0;
  for (const auto& o : doc.ocr_pages) {
    r.ocr_pages.push_back(o.page);
    sum += o.confidence * o.words;
    words += o.words;
  }
  r.ocr_confidence = words > 0 ? sum / words : 0.0;
  r.file = {doc.file.path, doc.file.name, doc.file.content_type, doc.file.size, doc.file.hash};
  r.symbol_keys = own_keys;
  for (const auto& p : doc.passages) {
    const ArticleCaption article = split_article_caption(p.article);
    records::PassageEntry e{p.n, p.page, p.heading, article.label, article.caption, path_of(p, article),
                            p.language, p.date, p.ocr, p.footnote, {}};
    for (const auto& l : p.links) {
      if (l.status != kLinkRejected) e.links.push_back(l.item);
      r.link_details.push_back(link_record(l, p.n));
    }
    r.passages.push_back(std::move(e));
  }
  r.cites = citations_of(doc, own_keys);
  return r;
}

// What one passage is, for the fields of the table to take their values from.
struct PassageFacts {
  const IndexedDocument& doc;
  const Passage& passage;
  const std::vector<std::string>& own_keys;
};
using ValuesOf = std::vector<std::string> (*)(const PassageFacts&);

std::vector<std::string> one_or_none(const std::string& value) {
  return value.empty() ? std::vector<std::string>{} : std::vector<std::string>{value};
}

std::vector<std::string> year_values(const PassageFacts& f) {
  const auto& m = f.doc.meta;
  std::set<int> years(m.years.begin(), m.years.end());
  if (!f.passage.date.empty()) years = {std::atoi(f.passage.date.substr(0, 4).c_str())};
  if (years.empty() && m.date.size() >= 4) years.insert(std::atoi(m.date.substr(0, 4).c_str()));
  std::vector<std::string> out;
  for (int y : years) {
    if (y > 0) out.push_back(std::to_string(y));
  }
  return out;
}

// A person's "no" makes a link no evidence, filter or facet.
template <std::string WorkPlanLink::*member>
std::vector<std::string> link_values(const PassageFacts& f) {
  std::vector<std::string> out;
  for (const auto& l : f.passage.links) {
    const std::string& v = l.*member;
    if (l.status == kLinkRejected || v.empty()) continue;
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

std::vector<std::string> symbol_values(const PassageFacts& f) {
  std::vector<std::string> out;
  for (const auto& key : f.own_keys) {
    if (key.size() < 200) out.push_back(key);
  }
  return out;
}

// Each filter field of the table (atip/fields.h) with where a passage's values of it come from:
// its terms and its facet slot's values. Title words are not here: they are scored words, indexed
// with the text.
const std::vector<std::pair<const fields::Field*, ValuesOf>>& field_sources() {
  static const auto sources = [] {
    const std::map<std::string_view, ValuesOf> by_name = {
        {"type", [](const PassageFacts& f) { return std::vector<std::string>{f.doc.meta.type}; }},
        {"jurisdiction", [](const PassageFacts& f) { return std::vector<std::string>{f.doc.meta.jurisdiction}; }},
        {"country", [](const PassageFacts& f) { return f.passage.countries; }},
        {"language", [](const PassageFacts& f) { return one_or_none(f.passage.language); }},
        {"org", [](const PassageFacts& f) { return f.passage.orgs; }},
        {"year", year_values},
        {"link", link_values<&WorkPlanLink::item>},
        {"pillar", link_values<&WorkPlanLink::pillar>},
        {"symbol", symbol_values},
        {"article", [](const PassageFacts& f) { return one_or_none(article_key(split_article_caption(f.passage.article).label)); }},
    };
    std::vector<std::pair<const fields::Field*, ValuesOf>> out;
    for (const auto& field : fields::table()) {
      if (field.values == fields::Values::kTitleWords) continue;
      auto it = by_name.find(field.name);
      if (it == by_name.end()) {
        throw std::logic_error("the field '" + std::string(field.name) + "' of the field table has no values in the document builder");
      }
      out.emplace_back(&field, it->second);
    }
    return out;
  }();
  return sources;
}

// Xapian refuses terms over 245 bytes, and no one searches for a "word" of over 100 letters (a
// run of characters from a broken extraction, a hash); such tokens keep their position only.
constexpr size_t kMaxWordBytes = 120;
bool is_indexable_word(const text::Token& t) { return t.folded.size() <= kMaxWordBytes && t.lowered.size() <= kMaxWordBytes; }

// Writes a passage's words as postings: each word folded, its stem in the passage's language, its
// accented form; and counts them for spelling correction and completion.
class WordPostings {
 public:
  WordPostings(Xapian::Document& d, const text::Stemmer& stem, std::unordered_map<std::string, Xapian::termcount>& spelling,
               std::set<std::string>& suggestions)
      : d_(d), stem_(stem), spelling_(spelling), suggestions_(suggestions) {}

  // A run of words; runs are kept apart, so that a phrase never spans two.
  void add(const std::vector<text::Token>& words, Xapian::termcount weight) {
    for (const auto& t : words) {
      ++pos_;
      if (!is_indexable_word(t)) continue;
      d_.add_posting(t.folded, pos_, weight);
      const bool digit = std::isdigit(static_cast<unsigned char>(t.folded[0]));
      if (!digit && !text::is_stopword(t.folded, stem_.language())) {
        d_.add_posting(s::term(s::kStemPrefix, stem_(t.folded)), pos_, weight);
      }
      if (t.lowered != t.folded) d_.add_term(s::term(s::kAccentedPrefix, t.lowered));
      if (!digit && t.folded.size() >= 3 && t.folded.size() < 60) {
        spelling_[t.folded]++;
        if (!text::is_stopword_any(t.folded)) suggestions_.insert(t.folded + s::kSuggestSeparator + t.lowered);
      }
    }
    pos_ += 50;
  }

 private:
  Xapian::Document& d_;
  const text::Stemmer& stem_;
  std::unordered_map<std::string, Xapian::termcount>& spelling_;
  std::set<std::string>& suggestions_;
  Xapian::termpos pos_ = 0;
};

// The passage's ids, the values of every field of the table, and its sort values.
void add_fields(Xapian::Document& d, const PassageFacts& facts) {
  const auto& m = facts.doc.meta;
  const Passage& p = facts.passage;
  d.add_boolean_term(s::passage_id_term(m.id, p.n));
  d.add_boolean_term(s::term(s::kDocumentPrefix, m.id));
  for (const auto& [field, values_of] : field_sources()) {
    const std::vector<std::string> values = values_of(facts);
    for (const auto& v : values) d.add_boolean_term(s::term(field->prefix, v));
    if (field->slot) d.add_value(*field->slot, join_list(values));
  }
  d.add_value(s::kSlotDocId, m.id);
  d.add_value(s::kSlotDate, sortable_date(p.date.empty() ? m.date : p.date));
  d.add_value(s::kSlotPassageNo, Xapian::sortable_serialise(p.n));
  d.add_value(s::kSlotRendering, m.id);  // the writer regroups renderings at commit
}

}  // namespace

PreparedDocument prepare_document(IndexedDocument doc, const std::vector<std::vector<text::Token>>& tokens) {
  PreparedDocument out;
  std::map<std::string, text::Stemmer> stemmers;
  auto stemmer_for = [&](const std::string& lang) -> const text::Stemmer& {
    auto it = stemmers.find(lang);
    if (it == stemmers.end()) it = stemmers.emplace(lang, text::Stemmer(lang)).first;
    return it->second;
  };
  const auto& m = doc.meta;
  const std::vector<std::string> own_keys = own_symbol_keys(m);
  std::vector<std::string> title_terms;
  for (const auto& t : text::tokenize(m.title)) {
    if (is_indexable_word(t)) title_terms.push_back(s::term(s::kTitlePrefix, t.folded));
  }
  // Completion terms once per document (on its first passage): their frequency counts documents.
  std::set<std::string> suggestions;
  std::set<std::string> doc_links;
  for (const auto& q : doc.passages) {
    for (const auto& l : q.links) {
      if (l.status != kLinkRejected) doc_links.insert(l.item);
    }
  }
  const Fingerprint fingerprint = fingerprint_of(tokens);
  for (size_t i = 0; i < doc.passages.size(); ++i) {
    const Passage& p = doc.passages[i];
    Xapian::Document d;
    d.set_data(records::encode(passage_record(doc, p)));
    const text::Stemmer& stem = stemmer_for(p.language.empty() ? m.language : p.language);
    WordPostings words(d, stem, out.spelling, suggestions);
    words.add(tokens[i], 1);
    // What the passage is about, said in few words, weighs more: its heading path and the
    // title line an article starts with ("279.01 Trafficking in persons").
    if (!p.heading.empty()) words.add(text::tokenize(p.heading), 2);
    std::string first_line = p.text.substr(0, p.text.find('\n'));
    if (first_line.size() < p.text.size() && first_line.size() < 100) words.add(text::tokenize(first_line), 2);
    for (const auto& t : title_terms) d.add_term(t);
    add_fields(d, {doc, p, own_keys});
    if (p.n == 1) {
      d.add_boolean_term(std::string(s::kFirstPassageMarker));
      for (const auto& l : doc_links) d.add_boolean_term(s::term(s::kDocumentLinkPrefix, l));
      for (const auto& band : band_keys(fingerprint)) d.add_boolean_term(s::term(s::kRenderingBandPrefix, band));
    }
    out.passages.push_back(std::move(d));
  }
  if (!out.passages.empty()) {
    for (const auto& w : suggestions) out.passages.front().add_boolean_term(s::term(s::kSuggestPrefix, w));
  }
  out.json = records::encode(document_record(doc, own_keys));
  out.id = m.id;
  out.signature = doc.file.hash;
  if (!fingerprint.minima.empty()) out.fingerprint = m.language + "|" + encode_fingerprint(fingerprint);
  out.passage_count = static_cast<int>(doc.passages.size());
  out.pages = doc.pages;
  out.ocr_pages = static_cast<int>(doc.ocr_pages.size());
  out.ocr_pages_cached =
      static_cast<int>(std::count_if(doc.ocr_pages.begin(), doc.ocr_pages.end(), [](const OcrPageInfo& o) { return o.from_cache; }));
  return out;
}

void mark_superseded(PreparedDocument& doc, int version) {
  const std::string document_term = s::term(s::kDocumentPrefix, doc.id);
  for (auto& d : doc.passages) {
    std::vector<std::string> drop;
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term == document_term || term == s::kFirstPassageMarker || term.rfind(s::kPassageIdPrefix, 0) == 0 ||
          term.rfind(s::kDocumentLinkPrefix, 0) == 0 || term.rfind(s::kSuggestPrefix, 0) == 0 ||
          term.rfind(s::kRenderingBandPrefix, 0) == 0) {
        drop.push_back(term);
      }
    }
    for (const auto& term : drop) d.remove_term(term);
    const int n = static_cast<int>(Xapian::sortable_unserialise(d.get_value(s::kSlotPassageNo)));
    d.add_boolean_term(s::superseded_passage_id_term(doc.id, version, n));
    d.add_boolean_term(s::term(s::kSupersededPrefix, doc.id));
    d.add_boolean_term(std::string(s::kSupersededMarker));
    auto data = records::decode_passage(d.get_data());
    if (!data) throw std::logic_error("a passage just built does not read back: " + data.error().message);
    data.value().version = version;
    d.set_data(records::encode(data.value()));
  }
  doc.spelling.clear();
}

}  // namespace atip
