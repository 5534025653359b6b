#include "search/snippets.h"

#include <algorithm>
#include <vector>

#include "atip/schema.h"
#include "atip/text.h"

namespace atip {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string make_snippet(const std::string& text, const std::string& language, const MatchTerms& terms,
                         size_t max_chars) {
  auto tokens = text::tokenize(text);
  text::Stemmer stem(language.empty() ? "en" : language);
  std::vector<bool> hit(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& f = tokens[i].folded;
    hit[i] = terms.words.count(f) || terms.stems.count(schema::term(schema::kStemPrefix, stem(f)));
  }
  // The window of at most max_chars with the most distinct matched words.
  size_t best_begin = 0;
  int best_score = -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!hit[i] && i != 0) continue;
    std::set<std::string> distinct;
    for (size_t j = i; j < tokens.size() && tokens[j].end - tokens[i].begin <= max_chars; ++j) {
      if (hit[j]) distinct.insert(tokens[j].folded);
    }
    int score = static_cast<int>(distinct.size());
    if (score > best_score) {
      best_score = score;
      best_begin = i;
    }
  }
  size_t start = 0, stop = text.size();
  if (!tokens.empty()) {
    // Begin a little before the first match, at a word boundary.
    size_t first = best_begin;
    while (first > 0 && best_begin - first < 4 && tokens[best_begin].begin - tokens[first - 1].begin < max_chars / 4) --first;
    start = first == 0 ? 0 : tokens[first].begin;
    size_t last = first;
    while (last + 1 < tokens.size() && tokens[last + 1].end - start <= max_chars) ++last;
    stop = last + 1 >= tokens.size() ? text.size() : tokens[last].end;
    if (stop < text.size() && stop < start + max_chars) {
      // include trailing punctuation of the last word
      size_t p = stop;
      while (p < text.size() && p < start + max_chars && (text[p] == '.' || text[p] == ',' || text[p] == ';')) ++p;
      stop = p;
    }
  } else {
    stop = std::min(text.size(), max_chars);
  }
  std::string out;
  if (start > 0) out += "… ";
  size_t cursor = start;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].begin < start || tokens[i].end > stop || !hit[i]) continue;
    out += html_escape(text.substr(cursor, tokens[i].begin - cursor));
    out += "<mark>";
    out += html_escape(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
    out += "</mark>";
    cursor = tokens[i].end;
  }
  out += html_escape(text.substr(cursor, stop - cursor));
  if (stop < text.size()) out += " …";
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace atip
