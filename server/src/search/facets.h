// Facet counts over the whole match set, from the value slots of schema.h. In document
// grouping a document counts once per value, however many of its passages match.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "atip/server/search_types.h"

namespace atip {

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(bool per_document) : per_document_(per_document) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  std::vector<std::pair<std::string, std::vector<FacetCount>>> counts() const;
  Xapian::doccount seen() const { return seen_; }
  // Distinct documents among the passages seen.
  Xapian::doccount documents() const { return static_cast<Xapian::doccount>(documents_.size()); }

 private:
  bool per_document_;
  Xapian::doccount seen_ = 0;
  std::map<std::string, std::map<std::string, long long>> counts_;
  std::unordered_set<std::string> counted_;
  std::unordered_set<std::string> documents_;  // doc id + facet + value, in document grouping
};

}  // namespace atip
