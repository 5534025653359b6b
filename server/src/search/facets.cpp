#include "search/facets.h"

#include <algorithm>

#include "atip/schema.h"

namespace atip {
namespace {

struct FacetSlot {
  const char* name;
  unsigned slot;
};
constexpr FacetSlot kFacetSlots[] = {
    {"type", schema::kSlotType},         {"jurisdiction", schema::kSlotJurisdiction},
    {"country", schema::kSlotCountries}, {"language", schema::kSlotLanguage},
    {"year", schema::kSlotYears},        {"link", schema::kSlotLinks},
    {"org", schema::kSlotOrgs}};

}  // namespace

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  std::string id = per_document_ ? doc.get_value(schema::kSlotDocId) : std::string();
  if (per_document_) documents_.insert(id);
  for (const auto& f : kFacetSlots) {
    std::string value = doc.get_value(f.slot);
    size_t start = 0;
    while (start < value.size()) {
      size_t end = value.find(schema::kListSeparator, start);
      if (end == std::string::npos) end = value.size();
      std::string v = value.substr(start, end - start);
      start = end + 1;
      if (v.empty()) continue;
      if (per_document_) {
        std::string key = id + '\0' + f.name + '\0' + v;
        if (!counted_.insert(std::move(key)).second) continue;
      }
      counts_[f.name][v]++;
    }
  }
}

std::vector<std::pair<std::string, std::vector<FacetCount>>> FacetSpy::counts() const {
  std::vector<std::pair<std::string, std::vector<FacetCount>>> out;
  for (const auto& name : filter_names()) {
    std::vector<FacetCount> values;
    auto it = counts_.find(name);
    if (it != counts_.end()) {
      for (const auto& [v, c] : it->second) values.push_back({v, c});
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
