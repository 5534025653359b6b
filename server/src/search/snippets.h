// Snippets: the best window of a passage around the query's matches, HTML-escaped, with the
// matched words in <mark>…</mark> (the only markup).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace Xapian {
class Query;
}

namespace atip {

// What a snippet may mark: single terms anywhere, and the terms of phrases ("trata de personas",
// a thesaurus translation) only where the whole phrase is in the text.
struct MatchTerms {
  struct Phrase {
    std::vector<std::string> terms;  // folded words or "Z" stems, in order
    size_t window = 0;               // the words it may span, stopwords left out of terms included
  };
  std::set<std::string> words;  // folded unstemmed terms of the query
  std::set<std::string> stems;  // "Z" stem terms of the query
  std::vector<Phrase> phrases;
};

// The terms of a query that a snippet may mark: never the negated ones (-word, NOT) nor filters.
MatchTerms match_terms_of(const Xapian::Query& query);

std::string make_snippet(const std::string& text, const std::string& language, const MatchTerms& terms,
                         size_t max_chars = 240);
std::string html_escape(std::string_view s);

}  // namespace atip
