// Snippets: the best window of a passage around the query's matches, HTML-escaped, with the
// matched words in <mark>…</mark> (the only markup).
#pragma once

#include <set>
#include <string>

namespace atip {

struct MatchTerms {
  std::set<std::string> words;  // folded unstemmed terms of the query
  std::set<std::string> stems;  // "Z" stem terms of the query
};

std::string make_snippet(const std::string& text, const std::string& language, const MatchTerms& terms,
                         size_t max_chars = 240);
std::string html_escape(std::string_view s);

}  // namespace atip
