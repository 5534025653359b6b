// Longest-match lookup of multi-word phrases (folded) in tokenized text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "atip/text.h"

namespace atip {

class PhraseDictionary {
 public:
  // Adds a phrase (any text; it is tokenized and folded) with the value it stands for.
  void add(std::string_view phrase, const std::string& value);
  // Adds a phrase already cut into words (e.g. stems), matched against find_words().
  void add_words(const std::vector<std::string>& words, const std::string& value);
  bool empty() const { return phrases_.empty(); }

  struct Match {
    std::string value;
    size_t first_token = 0;
    size_t token_count = 0;
  };
  // Scans left to right; at each position the longest phrase wins (with each of its values)
  // and matching resumes after it.
  std::vector<Match> find(const std::vector<text::Token>& tokens) const;
  std::vector<Match> find_words(const std::vector<std::string>& words) const;

 private:
  // Folded words joined by ' ' -> every value that phrase stands for (stems can be shared).
  std::unordered_map<std::string, std::vector<std::string>> phrases_;
  // The first 1..n-1 words of every phrase of n words: where a longer match may still begin, so
  // that the scan stops extending as soon as no phrase goes on that way.
  std::unordered_set<std::string> prefixes_;
  size_t max_words_ = 1;
};

}  // namespace atip
