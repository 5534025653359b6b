#include "analyze/phrase_dictionary.h"

#include <algorithm>

namespace atip {

void PhraseDictionary::add(std::string_view phrase, const std::string& value) {
  std::vector<std::string> words;
  for (const auto& t : text::tokenize(phrase)) words.push_back(t.folded);
  add_words(words, value);
}

void PhraseDictionary::add_words(const std::vector<std::string>& words, const std::string& value) {
  std::string key;
  for (const auto& w : words) {
    if (!key.empty()) {
      prefixes_.insert(key);
      key.push_back(' ');
    }
    key += w;
  }
  if (key.empty()) return;
  auto& values = phrases_[std::move(key)];
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  max_words_ = std::max(max_words_, words.size());
}

std::vector<PhraseDictionary::Match> PhraseDictionary::find(const std::vector<text::Token>& tokens) const {
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const auto& t : tokens) words.push_back(t.folded);
  return find_words(words);
}

std::vector<PhraseDictionary::Match> PhraseDictionary::find_words(const std::vector<std::string>& tokens) const {
  std::vector<Match> matches;
  for (size_t i = 0; i < tokens.size();) {
    std::string key;
    const std::vector<std::string>* best = nullptr;
    size_t best_len = 0;
    for (size_t n = 1; n <= max_words_ && i + n <= tokens.size(); ++n) {
      if (n > 1) key.push_back(' ');
      key += tokens[i + n - 1];
      auto it = phrases_.find(key);
      if (it != phrases_.end()) {
        best = &it->second;
        best_len = n;
      }
      if (!prefixes_.count(key)) break;
    }
    if (best) {
      for (const auto& v : *best) matches.push_back({v, i, best_len});
      i += best_len;
    } else {
      ++i;
    }
  }
  return matches;
}

}  // namespace atip
