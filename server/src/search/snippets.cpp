#include "search/snippets.h"

#include <xapian.h>

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

namespace {

bool is_text_term(const std::string& term) {
  return !term.empty() && (term.rfind(schema::kStemPrefix, 0) == 0 || !std::isupper(static_cast<unsigned char>(term[0])));
}

void add_single(const std::string& term, MatchTerms& out) {
  if (!is_text_term(term)) return;
  if (term.rfind(schema::kStemPrefix, 0) == 0) {
    out.stems.insert(term);
  } else {
    out.words.insert(term);
  }
}

void collect(const Xapian::Query& q, MatchTerms& out) {
  using Q = Xapian::Query;
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Q::LEAF_TERM:
      if (q.get_terms_begin() != q.get_terms_end()) add_single(*q.get_terms_begin(), out);
      return;
    case Q::OP_AND_NOT:
      if (n > 0) collect(q.get_subquery(0), out);  // what follows NOT is not a match
      return;
    case Q::OP_PHRASE: {
      MatchTerms::Phrase phrase;
      bool all_terms = true;
      for (size_t i = 0; i < n && all_terms; ++i) {
        Q sub = q.get_subquery(i);
        all_terms = sub.get_type() == Q::LEAF_TERM && sub.get_terms_begin() != sub.get_terms_end() &&
                    is_text_term(*sub.get_terms_begin());
        if (all_terms) phrase.terms.push_back(*sub.get_terms_begin());
      }
      if (all_terms && !phrase.terms.empty()) {
        phrase.window = phrase.terms.size() + 2;
        out.phrases.push_back(std::move(phrase));
        return;
      }
      break;
    }
    default:
      break;
  }
  for (size_t i = 0; i < n; ++i) collect(q.get_subquery(i), out);
}

}  // namespace

MatchTerms match_terms_of(const Xapian::Query& query) {
  MatchTerms out;
  collect(query, out);
  return out;
}

// Longer than most, on purpose: two passes over one text's tokens (mark the matches, then choose
// the window with most of them) that share the tokens, stems and marks.
std::string make_snippet(const std::string& text, const std::string& language, const MatchTerms& terms,
                         size_t max_chars) {
  auto tokens = text::tokenize(text);
  text::Stemmer stem(language.empty() ? "en" : language);
  std::vector<std::string> stems(tokens.size());
  std::vector<bool> hit(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& f = tokens[i].folded;
    stems[i] = schema::term(schema::kStemPrefix, stem(f));
    hit[i] = terms.words.count(f) || terms.stems.count(stems[i]);
  }
  auto matches = [&](size_t i, const std::string& term) { return tokens[i].folded == term || stems[i] == term; };
  for (const auto& phrase : terms.phrases) {
    for (size_t start = 0; start < tokens.size(); ++start) {
      if (!matches(start, phrase.terms[0])) continue;
      std::vector<size_t> at = {start};
      size_t j = start + 1;
      for (size_t k = 1; k < phrase.terms.size(); ++k) {
        while (j < tokens.size() && j - start < phrase.window && !matches(j, phrase.terms[k])) ++j;
        if (j >= tokens.size() || j - start >= phrase.window) break;
        at.push_back(j++);
      }
      if (at.size() != phrase.terms.size()) continue;
      for (size_t i : at) hit[i] = true;
    }
  }
  // The window of at most max_chars with the most distinct matched words (the whole text when it fits).
  size_t best_begin = 0;
  int best_score = -1;
  const bool whole = text.size() <= max_chars;
  for (size_t i = 0; i < tokens.size() && !whole; ++i) {
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
