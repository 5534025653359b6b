// Facet counts over the whole match set: a Xapian match spy reading the value slots of each
// matching passage. With grouping by document, each document counts once per value.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "atip/server/search_types.h"

namespace atip {

class FacetSpy : public Xapian::MatchSpy {
 public:
  // Counts the values of the first `limit` passages it sees; after them, only how many passages and
  // documents it sees.
  // Documents are told apart by document_slot (results collapse on the same slot).
  FacetSpy(bool per_document, Xapian::doccount limit, Xapian::valueno document_slot);
  void operator()(const Xapian::Document& doc, double weight) override;
  std::vector<std::pair<std::string, std::vector<FacetCount>>> counts() const;
  Xapian::doccount seen() const { return seen_; }
  // Passages whose values were counted (all of them when seen() <= limit).
  Xapian::doccount counted() const { return std::min(seen_, limit_); }
  // Distinct documents among the passages seen, and among those counted.
  Xapian::doccount documents() const { return static_cast<Xapian::doccount>(document_numbers_.size()); }
  Xapian::doccount documents_counted() const { return documents_counted_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Numbers = std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>>;
  // Each value of a facet gets a number the first time it is seen: counting is then array work,
  // and "this document counted this value" one 64-bit key, however long the strings.
  struct Facet {  // one per facet row of the field table, in its order
    std::string_view name;
    Xapian::valueno slot = 0;
    Numbers numbers;
    std::vector<std::string> values;
    std::vector<long long> counts;
  };
  uint32_t number_of(Numbers& numbers, std::string_view key, std::vector<std::string>* values);

  bool per_document_;
  Xapian::doccount limit_;
  Xapian::valueno document_slot_;
  Xapian::doccount seen_ = 0;
  Xapian::doccount documents_counted_ = 0;
  std::vector<Facet> facets_;
  Numbers document_numbers_;
  std::unordered_set<uint64_t> counted_;  // (document, facet, value) already counted
};

}  // namespace atip
