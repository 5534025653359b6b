#include "store/document_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "atip/fields.h"
#include "atip/json_writer.h"
#include "atip/legal.h"
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
void write_path(JsonWriter& w, const Passage& p, const ArticleCaption& article) {
  auto step = [&w](std::string_view kind, const std::string& label, const std::string& caption) {
    w.begin_object().key("kind").value(kind).key("label").value_or_null(label).key("caption").value_or_null(caption)
        .end_object();
  };
  w.key("path").begin_array();
  for (const auto& s : p.path) step(s.kind, s.label, s.caption);
  if (!article.label.empty()) step(kArticleStep, article.label, article.caption);
  w.end_array();
}

std::string passage_json(const IndexedDocument& doc, const Passage& p) {
  const ArticleCaption article = split_article_caption(p.article);
  JsonWriter w;
  w.begin_object()
      .key("doc").value(doc.meta.id)
      .key("n").value(p.n)
      .key("page").value(p.page)
      .key("heading").value(p.heading)
      .key("article").value_or_null(article.label)
      .key("caption").value_or_null(article.caption);
  write_path(w, p, article);
  w.key("language").value(p.language)
      .key("date").value_or_null(p.date)
      .key("place").value(p.place)
      .key("footnote").value(p.footnote)
      .key("ocr").value(p.ocr);
  if (p.ocr) w.key("ocr_confidence").value(p.ocr_confidence);
  w.key("text").value(p.text)
      .key("countries").string_array(p.countries)
      .key("orgs").string_array(p.orgs)
      .key("links").begin_array();
  for (const auto& l : p.links) {
    w.begin_object().key("item").value(l.item).key("method").value(l.method).key("score").value(l.score)
        .key("status").value(l.status).key("basis").string_array(l.basis).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

// own_keys: own_symbol_keys(doc.meta).
std::string document_json(const IndexedDocument& doc, const std::vector<std::string>& own_keys) {
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
      .key("pages").value(doc.pages);
  if (!doc.ocr_pages.empty()) {
    // The document's confidence: over its words, so a page with few words counts for little.
    double sum = 0;
    int words = 0;
    w.key("ocr_pages").begin_array();
    for (const auto& o : doc.ocr_pages) {
      w.value(o.page);
      sum += o.confidence * o.words;
      words += o.words;
    }
    w.end_array().key("ocr_confidence").value(words > 0 ? sum / words : 0.0);
  }
  w.key("file").begin_object()
      .key("path").value(doc.file.path)
      .key("name").value(doc.file.name)
      .key("content_type").value(doc.file.content_type)
      .key("size").value(doc.file.size)
      .key("hash").value(doc.file.hash)
      .end_object();
  w.key("symbol_keys").string_array(own_keys);
  w.key("passages").begin_array();
  for (const auto& p : doc.passages) {
    const ArticleCaption article = split_article_caption(p.article);
    w.begin_object().key("n").value(p.n).key("page").value(p.page).key("heading").value(p.heading)
        .key("article").value_or_null(article.label).key("caption").value_or_null(article.caption);
    write_path(w, p, article);
    w.key("language").value(p.language).key("date").value_or_null(p.date).key("ocr").value(p.ocr)
        .key("footnote").value(p.footnote).key("links").begin_array();
    for (const auto& l : p.links) {
      if (l.status != kLinkRejected) w.value(l.item);
    }
    w.end_array().end_object();
  }
  w.end_array();
  w.key("link_details").begin_array();
  for (const auto& p : doc.passages) {
    for (const auto& l : p.links) {
      w.begin_object().key("item").value(l.item).key("passage").value(p.n).key("method").value(l.method)
          .key("score").value(l.score).key("status").value(l.status).key("basis").string_array(l.basis).end_object();
    }
  }
  w.end_array();
  // Citations: each normalized symbol once, with the first way it was written.
  std::map<std::string, std::string> cites;
  for (const auto& p : doc.passages) {
    for (size_t i = 0; i < p.symbols.size() && i < p.cited_symbols.size(); ++i) {
      if (std::find(own_keys.begin(), own_keys.end(), p.symbols[i]) != own_keys.end()) continue;
      cites.emplace(p.symbols[i], one_line(p.cited_symbols[i]));
    }
  }
  w.key("cites").begin_array();
  for (const auto& [key, written] : cites) {
    w.begin_object().key("symbol").value(written).key("key").value(key).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

// The values of every filter field of the table (atip/fields.h) for one passage: its terms, and
// its facet slot's values. Title words are not here: they are scored words, indexed with the text.
std::vector<std::pair<const fields::Field*, std::vector<std::string>>> field_values(
    const IndexedDocument& doc, const Passage& p, const std::vector<std::string>& own_keys) {
  const auto& m = doc.meta;
  auto values_of = [&](std::string_view name) -> std::vector<std::string> {
    if (name == "type") return {m.type};
    if (name == "jurisdiction") return {m.jurisdiction};
    if (name == "country") return p.countries;
    if (name == "language") return p.language.empty() ? std::vector<std::string>{} : std::vector<std::string>{p.language};
    if (name == "org") return p.orgs;
    if (name == "year") {
      std::set<int> years(m.years.begin(), m.years.end());
      if (!p.date.empty()) years = {std::atoi(p.date.substr(0, 4).c_str())};
      if (years.empty() && m.date.size() >= 4) years.insert(std::atoi(m.date.substr(0, 4).c_str()));
      std::vector<std::string> out;
      for (int y : years) {
        if (y > 0) out.push_back(std::to_string(y));
      }
      return out;
    }
    if (name == "link" || name == "pillar") {  // a person's "no" makes a link no evidence, filter or facet
      std::vector<std::string> out;
      for (const auto& l : p.links) {
        if (l.status == kLinkRejected) continue;
        const std::string& v = name == "link" ? l.item : l.pillar;
        if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
      }
      return out;
    }
    if (name == "symbol") {
      std::vector<std::string> out;
      for (const auto& key : own_keys) {
        if (key.size() < 200) out.push_back(key);
      }
      return out;
    }
    if (name == "article") {
      const std::string key = article_key(split_article_caption(p.article).label);
      return key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key};
    }
    throw std::logic_error("the field '" + std::string(name) + "' of the field table has no values in the document builder");
  };
  std::vector<std::pair<const fields::Field*, std::vector<std::string>>> out;
  for (const auto& field : fields::table()) {
    if (field.values != fields::Values::kTitleWords) out.emplace_back(&field, values_of(field.name));
  }
  return out;
}

// Xapian refuses terms over 245 bytes, and no one searches for a "word" of over 100 letters (a
// run of characters from a broken extraction, a hash); such tokens keep their position only.
constexpr size_t kMaxWordBytes = 120;
bool is_indexable_word(const text::Token& t) { return t.folded.size() <= kMaxWordBytes && t.lowered.size() <= kMaxWordBytes; }

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
    d.set_data(passage_json(doc, p));
    const text::Stemmer& stem = stemmer_for(p.language.empty() ? m.language : p.language);
    Xapian::termpos pos = 0;
    auto index_words = [&](const std::vector<text::Token>& words, Xapian::termcount weight) {
      for (const auto& t : words) {
        ++pos;
        if (!is_indexable_word(t)) continue;
        d.add_posting(t.folded, pos, weight);
        bool digit = std::isdigit(static_cast<unsigned char>(t.folded[0]));
        if (!digit && !text::is_stopword(t.folded, stem.language())) {
          d.add_posting(s::term(s::kStemPrefix, stem(t.folded)), pos, weight);
        }
        if (t.lowered != t.folded) d.add_term(s::term(s::kAccentedPrefix, t.lowered));
        if (!digit && t.folded.size() >= 3 && t.folded.size() < 60) {
          out.spelling[t.folded]++;
          if (!text::is_stopword_any(t.folded)) suggestions.insert(t.folded + s::kSuggestSeparator + t.lowered);
        }
      }
      pos += 50;
    };
    index_words(tokens[i], 1);
    // What the passage is about, said in few words, weighs more: its heading path and the
    // title line an article starts with ("279.01 Trafficking in persons").
    if (!p.heading.empty()) index_words(text::tokenize(p.heading), 2);
    std::string first_line = p.text.substr(0, p.text.find('\n'));
    if (first_line.size() < p.text.size() && first_line.size() < 100) index_words(text::tokenize(first_line), 2);
    for (const auto& t : title_terms) d.add_term(t);

    d.add_boolean_term(s::passage_id_term(m.id, p.n));
    d.add_boolean_term(s::term(s::kDocumentPrefix, m.id));
    for (const auto& [field, values] : field_values(doc, p, own_keys)) {
      for (const auto& v : values) d.add_boolean_term(s::term(field->prefix, v));
      if (field->slot) d.add_value(*field->slot, join_list(values));
    }
    if (p.n == 1) {
      d.add_boolean_term(std::string(s::kFirstPassageMarker));
      for (const auto& l : doc_links) d.add_boolean_term(s::term(s::kDocumentLinkPrefix, l));
      for (const auto& band : band_keys(fingerprint)) d.add_boolean_term(s::term(s::kRenderingBandPrefix, band));
    }
    d.add_value(s::kSlotDocId, m.id);
    d.add_value(s::kSlotDate, sortable_date(p.date.empty() ? m.date : p.date));
    d.add_value(s::kSlotPassageNo, Xapian::sortable_serialise(p.n));
    d.add_value(s::kSlotRendering, m.id);  // the writer regroups renderings at commit
    out.passages.push_back(std::move(d));
  }
  if (!out.passages.empty()) {
    for (const auto& w : suggestions) out.passages.front().add_boolean_term(s::term(s::kSuggestPrefix, w));
  }
  out.json = document_json(doc, own_keys);
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
    std::string data = d.get_data();  // {"doc":"<id>","n":<n>,...}
    const int n = static_cast<int>(Xapian::sortable_unserialise(d.get_value(s::kSlotPassageNo)));
    d.add_boolean_term(s::superseded_passage_id_term(doc.id, version, n));
    d.add_boolean_term(s::term(s::kSupersededPrefix, doc.id));
    d.add_boolean_term(std::string(s::kSupersededMarker));
    if (!data.empty() && data[0] == '{') data.insert(1, "\"version\":" + std::to_string(version) + ",");
    d.set_data(data);
  }
  doc.spelling.clear();
}

}  // namespace atip
