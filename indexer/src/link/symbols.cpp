#include "atip/symbols.h"

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

}  // namespace

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
