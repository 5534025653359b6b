#include "search/language_versions.h"

#include <set>

#include "atip/legal.h"

namespace atip {
namespace {

// Two documents are versions of one law when this share of their articles is common to both.
constexpr double kSameArticles = 0.8;
constexpr size_t kMinArticles = 3;

double overlap(const std::map<std::string, int>& a, const std::map<std::string, int>& b) {
  size_t common = 0;
  for (const auto& [key, unused] : a) common += b.count(key);
  const size_t all = a.size() + b.size() - common;
  return all == 0 ? 0 : static_cast<double>(common) / static_cast<double>(all);
}

}  // namespace

void link_language_versions(std::map<std::string, DocumentRecord>& records) {
  std::map<std::pair<std::string, std::string>, std::vector<DocumentRecord*>> by_law;  // jurisdiction, type
  for (auto& [id, r] : records) {
    for (const auto& p : r.passages) {
      const std::string key = article_key(p.article);
      if (!key.empty()) r.article_passages.emplace(key, p.n);
    }
    if (r.summary.jurisdiction.empty() || r.summary.jurisdiction == "INT") continue;
    if (r.article_passages.size() < kMinArticles) continue;
    by_law[{r.summary.jurisdiction, r.summary.type}].push_back(&r);
  }
  for (auto& [unused, group] : by_law) {
    for (DocumentRecord* a : group) {
      for (DocumentRecord* b : group) {
        if (a == b || a->summary.language == b->summary.language) continue;
        if (overlap(a->article_passages, b->article_passages) >= kSameArticles) a->translations.push_back(b->summary);
      }
    }
  }
}

}  // namespace atip
