#include "atip/symbols.h"

#include <algorithm>
#include <regex>

#include "atip/text.h"

namespace atip {
namespace {

std::string strip_spaces(std::string s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
  }
  return out;
}

const std::regex& series_prefix() {
  static const std::regex re(R"(^(oea|oas)/ser\.[a-z](/[a-z0-9.]+)?\s+)", std::regex::optimize);
  return re;
}

// Committee followed by '-' and a number: "cp/csh-1155" -> "cp/csh/1155".
const std::regex& committee_dash() {
  static const std::regex re(R"(([a-z])-(\d))", std::regex::optimize);
  return re;
}

const std::regex& symbol_pattern() {
  static const std::regex re(
      // OAS series prefix, optional
      R"((?:(?:OEA|OAS)/Ser\.[A-Z](?:/[A-Z0-9.]+)?\s+)?)"
      R"((?:)"
      // AG/RES. 2551 (XL-O/10), AG/DEC. 12 (XXX-O/00)
      R"(AG/(?:RES|DEC)\.\s?\d+\s?\([IVXLC]+-[OE]/\d{2}\))"
      // CP/CSH-1155/09 rev. 11, CP/RES. 123 (456/02), CP/doc.4321/08
      R"(|CP/(?:[A-Z]{2,6}[-/]\s?|(?:RES|INF|doc)\.\s?)\d+(?:/\d{2})?(?:\s?\(\d+/\d{2}\))?)"
      // RTP-III/doc.7/12, REMJA-VIII/doc.3/10, RTP-II/INF.2/09
      R"(|[A-Z]{2,6}-[IVX]+/(?:doc|INF|RES|DEC)\.\s?\d+/\d{2})"
      // UN: A/RES/55/25, A/55/383, S/RES/1325 (2000), E/CN.4/2005/71
      R"(|(?:A|S|E)/(?:RES/)?(?:CN\.\d+/)?\d{2,4}/\d+(?:\s?\(\d{4}\))?)"
      R"())"
      R"((?:\s?(?:rev|corr|add)\.\s?\d+)*)",
      std::regex::optimize);
  return re;
}

const char* const kRoman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};

// Ordinals of "Meeting" in en/es/pt/fr (folded), 1 to 10: index + 1 is the number.
const std::vector<std::vector<std::string>>& ordinals() {
  static const std::vector<std::vector<std::string>> words = {
      {"first", "1st", "primera", "primeira", "premiere"},
      {"second", "2nd", "segunda", "deuxieme", "seconde"},
      {"third", "3rd", "tercera", "terceira", "troisieme"},
      {"fourth", "4th", "cuarta", "quarta", "quatrieme"},
      {"fifth", "5th", "quinta", "cinquieme"},
      {"sixth", "6th", "sexta", "sixieme"},
      {"seventh", "7th", "septima", "setima", "septieme"},
      {"eighth", "8th", "octava", "oitava", "huitieme"},
      {"ninth", "9th", "novena", "nona", "neuvieme"},
      {"tenth", "10th", "decima", "dixieme"}};
  return words;
}

}  // namespace

int meeting_ordinal(std::string_view word) {
  const auto& all = ordinals();
  for (size_t i = 0; i < all.size(); ++i) {
    for (const auto& w : all[i]) {
      if (w == word) return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

namespace {

const std::regex& conclusion_reference() {
  // On folded words joined by single spaces. Group 1: the ordinal of the meeting.
  static const std::regex re(
      R"(\b(?:conclusions?|conclusiones|conclusao|conclusoes))"
      R"((?: (?:and|y|e|et) (?:recommendations|recomendaciones|recomendacoes|recommandations))?)"
      R"((?: (?:no|nos|n|number|numero|numeros|nº|n°))?(?: \d{1,2}(?: (?:and|y|e|et) \d{1,2})*)?)"
      R"( (?:of|adopted at|from|de|da|do|adoptadas en|adotadas na|adoptees a)(?: the| la| a| l)?)"
      R"( ([a-z0-9]+) (?:meeting|reunion|reuniao))"
      R"( (?:of|de|des|da)(?: the| las| les)? (?:national authorities|autoridades nacionales|autoridades nacionais|autorites nationales))",
      std::regex::optimize);
  return re;
}

// "rtp-iii" -> "rtp-iii/conclusions".
std::string meeting_conclusions_key(const std::string& meeting) { return meeting + "/conclusions"; }

}  // namespace

std::string conclusions_key(std::string_view symbol_key) {
  static const std::regex meeting(R"(^(rtp-[ivx]+)/)", std::regex::optimize);
  std::string key(symbol_key);
  std::smatch m;
  if (!std::regex_search(key, m, meeting)) return {};
  return meeting_conclusions_key(m[1].str());
}

std::vector<FoundSymbol> find_conclusion_references(std::string_view text) {
  return find_conclusion_references(text, text::tokenize(text));
}

std::vector<FoundSymbol> find_conclusion_references(std::string_view text, const std::vector<text::Token>& tokens) {
  std::vector<FoundSymbol> found;
  std::string joined;
  std::vector<size_t> starts;  // where each token begins in joined
  bool named = false;
  for (const auto& t : tokens) {
    if (!joined.empty()) joined.push_back(' ');
    starts.push_back(joined.size());
    joined += t.folded;
    named |= t.folded.rfind("conclus", 0) == 0;
  }
  if (!named) return found;
  auto token_at = [&](size_t offset) {
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
  };
  for (auto it = std::sregex_iterator(joined.begin(), joined.end(), conclusion_reference());
       it != std::sregex_iterator(); ++it) {
    int meeting = meeting_ordinal((*it)[1].str());
    if (meeting == 0) continue;
    const size_t first = token_at(static_cast<size_t>(it->position()));
    const size_t last = token_at(static_cast<size_t>(it->position() + it->length() - 1));
    FoundSymbol f;
    f.written = std::string(text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
    f.key = meeting_conclusions_key(std::string("rtp-") + kRoman[meeting - 1]);
    f.begin = tokens[first].begin;
    found.push_back(std::move(f));
  }
  return found;
}

std::string normalize_symbol(std::string_view symbol) {
  std::string s = text::fold(symbol);
  // Collapse whitespace runs and trim.
  std::string collapsed;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
    } else {
      collapsed.push_back(c);
    }
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  if (collapsed.find('/') == std::string::npos) return {};
  // The key has no spaces left, so neither rewrite can apply to it again: normalizing is idempotent.
  std::string key = strip_spaces(std::regex_replace(collapsed, series_prefix(), ""));
  key = std::regex_replace(key, committee_dash(), "$1/$2");
  if (key.find('/') == std::string::npos) return {};  // the series prefix alone is not a symbol
  return key;
}

std::vector<FoundSymbol> find_symbols(std::string_view text) {
  std::vector<FoundSymbol> found;
  if (text.find('/') == std::string_view::npos) return found;
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), symbol_pattern()); it != std::sregex_iterator();
       ++it) {
    FoundSymbol f;
    f.written = it->str();
    f.key = normalize_symbol(f.written);
    f.begin = static_cast<size_t>(it->position());
    if (!f.key.empty()) found.push_back(std::move(f));
  }
  return found;
}

}  // namespace atip
