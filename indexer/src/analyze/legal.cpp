#include "atip/legal.h"

#include <map>
#include <regex>
#include <set>

#include "atip/text.h"

namespace atip {
namespace {

// The first words of a structural heading, folded, in en/es/pt/fr.
const std::map<std::string, StructuralHeading, std::less<>>& heading_words() {
  static const std::map<std::string, StructuralHeading, std::less<>> words = {
      {"libro", {"book", 1}},         {"livro", {"book", 1}},         {"livre", {"book", 1}},
      {"book", {"book", 1}},          {"part", {"part", 1}},          {"parte", {"part", 1}},
      {"partie", {"part", 1}},        {"titulo", {"title", 2}},       {"title", {"title", 2}},
      {"titre", {"title", 2}},        {"capitulo", {"chapter", 3}},   {"chapter", {"chapter", 3}},
      {"chapitre", {"chapter", 3}},   {"seccion", {"section", 4}},    {"secao", {"section", 4}},
      {"subchapter", {"subchapter", 4}}, {"transitorios", {"transitory", 1}}, {"transitorio", {"transitory", 1}},
      {"transitorias", {"transitory", 1}},
  };
  return words;
}

// Two-word openings of the transitory provisions: "Artículos transitorios", "Dispositions transitoires".
bool opens_transitory_provisions(const std::vector<text::Token>& words) {
  static const std::set<std::string, std::less<>> first = {"articulos", "disposiciones", "dispositions",
                                                             "disposicoes", "transitional", "normas"};
  static const std::set<std::string, std::less<>> second = {"transitorios", "transitorias", "transitoires",
                                                              "transitorias", "provisions", "transitórias"};
  if (words.size() < 2 || !first.count(words[0].folded)) return false;
  return second.count(words[1].folded) && (words[0].folded != "transitional" || words[1].folded == "provisions");
}

bool is_numeral(std::string_view folded) {
  static const std::set<std::string, std::less<>> ordinals = {
      "primero", "primera", "primer", "segundo", "segunda", "tercero", "tercera", "tercer", "cuarto", "cuarta",
      "quinto", "quinta", "sexto", "sexta", "septimo", "septima", "octavo", "octava", "noveno", "novena",
      "decimo", "decima", "unico", "unica", "primeiro", "terceiro", "first", "second", "third", "fourth",
      "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "one", "two", "three", "four", "five",
      "premier", "premiere", "deuxieme", "troisieme", "quatrieme", "cinquieme", "preliminar", "preliminary",
      "preliminaire", "bis", "ter", "quater"};
  if (folded.empty()) return false;
  if (ordinals.count(folded)) return true;
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
  static const std::set<std::string, std::less<>> label_words = {
      "articulo", "articulos", "art", "arts", "article", "articles", "artigo", "artigos", "section", "sections",
      "sec", "secs", "seccion", "secao", "s", "ss"};
  // "129-Ñ" follows "129-N" in the Peruvian code: Ñ is a letter of its own, not an accented N.
  std::string spelled(label);
  for (const std::string_view enye : {"\xC3\x91", "\xC3\xB1"}) {
    for (size_t at; (at = spelled.find(enye)) != std::string::npos;) spelled.replace(at, enye.size(), "nn");
  }
  std::string key;
  bool leading = true;
  for (const auto& t : text::tokenize(spelled)) {
    if (leading && label_words.count(t.folded)) continue;
    leading = false;
    key += t.folded;
  }
  return key.size() > 40 ? std::string() : key;
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
  const auto& table = heading_words();
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
