#include "http/conditional.h"

namespace atip::http {
namespace {

// The opaque-tag of an entity tag, quotes included; empty when it is not one.
std::string_view opaque_part(std::string_view tag) {
  if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
  if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return {};
  if (tag.substr(1, tag.size() - 2).find('"') != std::string_view::npos) return {};
  return tag;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string weak_etag(std::string_view opaque) {
  std::string out = "W/\"";
  for (char c : opaque) out.push_back(c == '"' ? '\'' : c);
  return out + "\"";
}

bool if_none_match_matches(std::string_view if_none_match, std::string_view current_etag) {
  std::string_view header = trimmed(if_none_match);
  if (header == "*") return true;
  std::string_view current = opaque_part(current_etag);
  if (current.empty()) return false;
  // Tags are quoted and may hold commas, so the list is read tag by tag rather than split.
  size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    if (i >= header.size()) break;
    size_t start = i;
    if (header.compare(i, 2, "W/") == 0) i += 2;
    if (i >= header.size() || header[i] != '"') return false;
    size_t close = header.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    if (opaque_part(header.substr(start, close + 1 - start)) == current) return true;
    i = close + 1;
  }
  return false;
}

}  // namespace atip::http
