#include "search/facets.h"

#include <algorithm>
#include <stdexcept>

#include "atip/fields.h"
#include "atip/schema.h"

namespace atip {
FacetSpy::FacetSpy(bool per_document, Xapian::doccount limit, Xapian::valueno document_slot)
    : per_document_(per_document), limit_(limit), document_slot_(document_slot) {
  for (const fields::Field* f : fields::facets()) {
    facets_.emplace_back();
    facets_.back().name = f->name;
    facets_.back().slot = *f->slot;
  }
  if (facets_.size() > 16) throw std::logic_error("the facet spy numbers at most 16 facets (4 bits of counted_)");
}

uint32_t FacetSpy::number_of(Numbers& numbers, std::string_view key, std::vector<std::string>* values) {
  auto it = numbers.find(key);
  if (it != numbers.end()) return it->second;
  const auto n = static_cast<uint32_t>(numbers.size());
  numbers.emplace(std::string(key), n);
  if (values) values->emplace_back(key);
  return n;
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  uint64_t document = 0;
  if (per_document_) document = number_of(document_numbers_, doc.get_value(document_slot_), nullptr);
  if (seen_ > limit_) return;
  documents_counted_ = static_cast<Xapian::doccount>(document_numbers_.size());
  for (size_t f = 0; f < facets_.size(); ++f) {
    const std::string value = doc.get_value(facets_[f].slot);
    Facet& facet = facets_[f];
    std::string_view rest(value);
    while (!rest.empty()) {
      size_t end = rest.find(schema::kListSeparator);
      std::string_view v = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      if (v.empty()) continue;
      const uint32_t n = number_of(facet.numbers, v, &facet.values);
      if (n >= facet.counts.size()) facet.counts.resize(n + 1, 0);
      if (per_document_ && !counted_.insert((document << 32) | (uint64_t{f} << 28) | (n & 0x0fffffffu)).second) continue;
      ++facet.counts[n];
    }
  }
}

std::vector<std::pair<std::string, std::vector<FacetCount>>> FacetSpy::counts() const {
  std::vector<std::pair<std::string, std::vector<FacetCount>>> out;
  for (const Facet& facet : facets_) {
    const std::string name(facet.name);
    std::vector<FacetCount> values;
    for (size_t n = 0; n < facet.values.size(); ++n) {
      if (n < facet.counts.size() && facet.counts[n] > 0) values.push_back({facet.values[n], facet.counts[n]});
    }
    std::sort(values.begin(), values.end(), [&](const FacetCount& a, const FacetCount& b) {
      if (name == "year") return a.value > b.value;
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > 100) values.resize(100);
    out.emplace_back(name, std::move(values));
  }
  return out;
}

}  // namespace atip
