#include "atip/legal.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "atip/text.h"

namespace atip {

extern const char* const kLegalGrammarXml;  // corpus/legal-grammar.xml, built in

namespace {

using WordSet = std::set<std::string, std::less<>>;

std::vector<std::string> words_of(const char* text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string upper(const std::string& utf8) {
  std::string out;
  icu::UnicodeString::fromUTF8(utf8).toUpper(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

std::string capitalized(const std::string& utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  if (s.isEmpty()) return utf8;
  const int32_t first = s.moveIndex32(0, 1);
  icu::UnicodeString head(s, 0, first);
  std::string out;
  head.toUpper(icu::Locale::getRoot()).append(icu::UnicodeString(s, first)).toUTF8String(out);
  return out;
}

std::string regex_escaped(const std::string& word) {
  std::string out;
  for (char c : word) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string alternation(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "|") + regex_escaped(w);
  return out;
}

// corpus/legal-grammar.xml, read once.
struct Grammar {
  std::vector<std::string> article_words;     // as written
  std::vector<std::string> article_ordinals;  // lower, capitalized and in capitals
  std::vector<std::string> inserted_ordinals;
  WordSet key_words;
  std::vector<std::string> heading_kinds;  // the storage StructuralHeading::kind points into
  std::map<std::string, StructuralHeading, std::less<>> headings;
  WordSet transitory_openings;  // "articulos transitorios": two folded words
  WordSet numerals;
};

const Grammar& grammar() {
  static const Grammar g = [] {
    pugi::xml_document doc;
    if (!doc.load_string(kLegalGrammarXml)) throw std::logic_error("corpus/legal-grammar.xml, built in, is not XML");
    const pugi::xml_node root = doc.child("legal-grammar");
    Grammar out;
    for (auto w : root.child("article-words").children("word")) out.article_words.emplace_back(w.text().as_string());
    for (const auto& w : words_of(root.child("article-ordinals").text().as_string())) {
      for (const auto& form : {w, capitalized(w), upper(w)}) out.article_ordinals.push_back(form);
    }
    out.inserted_ordinals = words_of(root.child("inserted-ordinals").text().as_string());
    for (const auto& w : words_of(root.child("key-words").text().as_string())) out.key_words.insert(w);
    const auto heading_nodes = root.child("headings").children("heading");
    for (auto h : heading_nodes) out.heading_kinds.emplace_back(h.attribute("kind").as_string());
    size_t i = 0;
    for (auto h : heading_nodes) {
      const StructuralHeading step{out.heading_kinds[i++], h.attribute("level").as_int()};
      for (const auto& w : words_of(h.text().as_string())) out.headings.emplace(w, step);
    }
    for (auto opening : root.child("transitory-openings").children("opening")) {
      const auto words = words_of(opening.text().as_string());
      if (words.size() != 2) throw std::logic_error("corpus/legal-grammar.xml: a transitory opening is two words");
      out.transitory_openings.insert(words[0] + " " + words[1]);
    }
    for (const auto& w : words_of(root.child("numerals").text().as_string())) out.numerals.insert(w);
    if (out.article_words.empty() || out.headings.empty() || out.numerals.empty()) {
      throw std::logic_error("corpus/legal-grammar.xml, built in, lacks article words, headings or numerals");
    }
    return out;
  }();
  return g;
}

// Two-word openings of the transitory provisions: "Artículos transitorios", "Dispositions transitoires".
bool opens_transitory_provisions(const std::vector<text::Token>& words) {
  const Grammar& g = grammar();
  return words.size() >= 2 && g.transitory_openings.count(words[0].folded + " " + words[1].folded);
}

const std::regex& article_label_re() {
  static const std::regex re = [] {
    const Grammar& g = grammar();
    return std::regex(R"(^\s*(?:(?:"|“|«)\s*)?((?:)" + alternation(g.article_words) +
                          R"()\s*(?:\d+(?:[\w.\-ºo°]|Ñ)*(?:\s?[-–]\s?[A-Z]\b)?|(?:)" + alternation(g.article_ordinals) +
                          R"()\b)(?:\s+(?:)" + alternation(g.inserted_ordinals) + R"()\b)?|\d{3}\.\d{1,3}\b))",
                      std::regex::optimize);
  }();
  return re;
}

bool is_numeral(std::string_view folded) {
  if (folded.empty()) return false;
  if (grammar().numerals.count(folded)) return true;
  static const std::regex roman_numeral("^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$");
  const bool roman = std::regex_match(folded.begin(), folded.end(), roman_numeral);
  const bool number = std::isdigit(static_cast<unsigned char>(folded[0])) && folded.size() <= 6;
  return roman || number;
}

bool is_upper_roman(std::string_view word) {
  if (word.empty() || word.size() > 6 || word.find_first_not_of("IVXLC") != std::string_view::npos) return false;
  return is_numeral(text::fold(word));
}

}  // namespace

std::string article_key(std::string_view label) {
  // "129-Ñ" follows "129-N" in the Peruvian code: Ñ is a letter of its own, not an accented N.
  std::string spelled(label);
  for (const std::string_view enye : {"\xC3\x91", "\xC3\xB1"}) {
    for (size_t at; (at = spelled.find(enye)) != std::string::npos;) spelled.replace(at, enye.size(), "nn");
  }
  std::string key;
  bool leading = true;
  for (const auto& t : text::tokenize(spelled)) {
    if (leading && grammar().key_words.count(t.folded)) continue;
    leading = false;
    key += t.folded;
  }
  return key.size() > 40 ? std::string() : key;
}

std::string article_label(std::string_view text) {
  std::string s(text.substr(0, std::min<size_t>(text.size(), 80)));
  std::smatch m;
  if (!std::regex_search(s, m, article_label_re())) return {};
  std::string label = m.str(1);
  while (!label.empty() && (label.back() == '.' || label.back() == '-')) label.pop_back();
  return label;
}

const std::string& article_words_pattern() {
  static const std::string pattern = alternation(grammar().article_words);
  return pattern;
}

StructuralHeading structural_heading(std::string_view text) {
  const auto words = text::tokenize(text.substr(0, std::min<size_t>(text.size(), 60)));
  if (words.empty()) return {};
  const size_t first = text.find_first_not_of(" \n");
  // "§ V bis.": a paragraph of the Chilean code, a group of articles (its articles are "ART.").
  if (text.compare(first, 2, "\xC2\xA7") == 0 && !std::isdigit(static_cast<unsigned char>(words[0].folded[0])) &&
      is_numeral(words[0].folded)) {
    return {"section", 4};
  }
  // "III", "I General provisions": a treaty's chapter, its numeral in capitals and without a stop.
  if (words[0].begin == first && is_upper_roman(text.substr(words[0].begin, words[0].end - words[0].begin)) &&
      (words[0].end >= text.size() || text[words[0].end] == ' ' || text[words[0].end] == '\n')) {
    return {"chapter", 3};
  }
  if (opens_transitory_provisions(words)) return {"transitory", 1};
  // "SECTION I" of a treaty ("Section 1589" is a section of a code, an article).
  if (words[0].folded == "section" && words.size() > 1 && is_upper_roman(text.substr(words[1].begin, words[1].end - words[1].begin))) {
    return {"section", 4};
  }
  const auto& table = grammar().headings;
  const auto it = table.find(words[0].folded);
  if (it == table.end()) return {};
  return it->second;
}

PathStep path_step(std::string_view heading) {
  std::string whole(heading);
  const StructuralHeading s = structural_heading(whole);
  if (s.level == 0) return {std::string(kPlainHeadingStep), "", whole};
  // The label is the structural word and its numerals ("CAPÍTULO II", "TÍTULO PRIMERO", "Sección 2 bis").
  size_t label_end = 0, at = 0;
  int words_taken = 0;
  while (at < whole.size()) {
    const size_t begin = whole.find_first_not_of(" \t\n", at);
    if (begin == std::string::npos) break;
    size_t end = whole.find_first_of(" \t\n", begin);
    if (end == std::string::npos) end = whole.size();
    std::string word = whole.substr(begin, end - begin);
    // "CHAPTER 77—PEONAGE": a dash ends the label as a stop does.
    for (const std::string_view dash : {"\u2014", "\u2013"}) {
      if (const size_t at = word.find(dash); at != std::string::npos && at > 0) {
        word.erase(at);
        end = begin + at + dash.size();
      }
    }
    while (!word.empty() && std::string_view(".:-,").find(word.back()) != std::string_view::npos) word.pop_back();
    const bool take = words_taken == 0 || (s.kind == "transitory" && words_taken == 1 &&
                                           text::fold(word).rfind("transit", 0) == 0) ||
                      is_numeral(text::fold(word));
    if (!take) break;
    label_end = begin + word.size();
    ++words_taken;
    at = end;
    if (word.size() != end - begin) break;  // "II." or "II:" ends the label
  }
  std::string label = whole.substr(0, label_end);
  size_t caption_at = label_end;
  while (caption_at < whole.size()) {
    const unsigned char c = static_cast<unsigned char>(whole[caption_at]);
    if (c == ' ' || c == '.' || c == '-' || c == ':' || c == '\n' || c == '\t') {
      ++caption_at;
    } else if (whole.compare(caption_at, 3, "\u2013") == 0 || whole.compare(caption_at, 3, "\u2014") == 0) {
      caption_at += 3;
    } else {
      break;
    }
  }
  std::string caption = whole.substr(caption_at);
  while (!caption.empty() && (caption.back() == ' ' || caption.back() == '\n')) caption.pop_back();
  return {std::string(s.kind), std::move(label), std::move(caption)};
}

}  // namespace atip
