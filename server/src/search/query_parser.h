// The search syntax of API.md: words, "exact phrases", AND/OR/NOT, -word, NEAR, (groups) and
// field:value. Parsing never throws; a malformed query is an InvalidArgument with a message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "atip/result.h"

namespace atip::query {

struct Node {
  enum class Kind { kWord, kPhrase, kField, kAnd, kOr, kNot, kNear } kind = Kind::kWord;
  std::string text;   // word, phrase or field value, as written
  std::string field;  // for kField
  std::vector<Node> children;
  bool explicit_and = false;  // kAnd: the user wrote AND, so no looser fallback applies
};

// Field names accepted in field:value, canonical name first.
bool is_known_field(std::string_view name);
std::string canonical_field(std::string_view name);

Result<Node> parse(std::string_view q);

// The plain words of a parsed query (not inside fields), in order.
void collect_words(const Node& node, std::vector<std::string>& words);

}  // namespace atip::query
