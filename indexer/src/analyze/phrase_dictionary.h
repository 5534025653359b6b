// Longest-match lookup of multi-word phrases (folded) in tokenized text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "atip/text.h"

namespace atip {

class PhraseDictionary {
 public:
  // Adds a phrase (any text; it is tokenized and folded) with the value it stands for.
  void add(std::string_view phrase, const std::string& value);
  bool empty() const { return phrases_.empty(); }

  struct Match {
    std::string value;
    size_t first_token = 0;
    size_t token_count = 0;
  };
  // Scans left to right; at each position the longest phrase wins and matching resumes after it.
  std::vector<Match> find(const std::vector<text::Token>& tokens) const;

 private:
  std::unordered_map<std::string, std::string> phrases_;  // folded words joined by ' ' -> value
  size_t max_words_ = 1;
};

}  // namespace atip
