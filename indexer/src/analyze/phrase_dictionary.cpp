#include "analyze/phrase_dictionary.h"

#include <algorithm>

namespace atip {

void PhraseDictionary::add(std::string_view phrase, const std::string& value) {
  std::string key;
  size_t words = 0;
  for (const auto& t : text::tokenize(phrase)) {
    if (!key.empty()) key.push_back(' ');
    key += t.folded;
    ++words;
  }
  if (key.empty()) return;
  phrases_.emplace(std::move(key), value);
  max_words_ = std::max(max_words_, words);
}

std::vector<PhraseDictionary::Match> PhraseDictionary::find(const std::vector<text::Token>& tokens) const {
  std::vector<Match> matches;
  for (size_t i = 0; i < tokens.size();) {
    std::string key;
    const std::string* best = nullptr;
    size_t best_len = 0;
    for (size_t n = 1; n <= max_words_ && i + n <= tokens.size(); ++n) {
      if (n > 1) key.push_back(' ');
      key += tokens[i + n - 1].folded;
      auto it = phrases_.find(key);
      if (it != phrases_.end()) {
        best = &it->second;
        best_len = n;
      }
    }
    if (best) {
      matches.push_back({*best, i, best_len});
      i += best_len;
    } else {
      ++i;
    }
  }
  return matches;
}

}  // namespace atip
