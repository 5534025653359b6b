#include "atip/fields.h"

#include <algorithm>

#include "atip/schema.h"
#include "atip/vocabulary.h"

namespace atip::fields {
namespace {

namespace s = schema;

template <size_t N>
std::vector<std::string_view> list(const std::array<std::string_view, N>& a) {
  return {a.begin(), a.end()};
}

std::string json_string(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

const std::vector<Field>& table() {
  static const std::vector<Field> rows = {
      // name, aliases, prefix, slot, url filter, values, vocabulary, example
      {"type", {}, s::kTypePrefix, s::kSlotType, true, Values::kVocabulary, list(vocabulary::kDocumentTypes), "report"},
      {"jurisdiction", {}, s::kJurisdictionPrefix, s::kSlotJurisdiction, true, Values::kJurisdiction, {}, "MX"},
      {"country", {}, s::kCountryPrefix, s::kSlotCountries, true, Values::kCountryCode, {}, "PY"},
      {"language", {"lang"}, s::kLanguagePrefix, s::kSlotLanguage, true, Values::kVocabulary,
       list(vocabulary::kLanguages), "es"},
      {"year", {}, s::kYearPrefix, s::kSlotYears, true, Values::kYearRange, {}, "2010..2014"},
      {"pillar", {}, s::kPillarPrefix, s::kSlotPillars, true, Values::kVocabulary, list(vocabulary::kPillars),
       "protection"},
      {"link", {}, s::kLinkPrefix, s::kSlotLinks, true, Values::kItemId, {}, "activity:37"},
      {"org", {}, s::kOrgPrefix, s::kSlotOrgs, true, Values::kOrgId, {}, "iom"},
      {"symbol", {}, s::kSymbolPrefix, std::nullopt, false, Values::kSymbol, {}, "AG/RES. 2551 (XL-O/10)"},
      {"article", {"art"}, s::kArticlePrefix, std::nullopt, false, Values::kArticle, {}, "149-A"},
      {"title", {}, s::kTitlePrefix, std::nullopt, false, Values::kTitleWords, {}, "protocol"},
  };
  return rows;
}

const Field* find(std::string_view name_or_alias) {
  for (const auto& f : table()) {
    if (f.name == name_or_alias) return &f;
    if (std::find(f.aliases.begin(), f.aliases.end(), name_or_alias) != f.aliases.end()) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> url_filters() {
  std::vector<std::string_view> names;
  for (const auto& f : table()) {
    if (f.url_filter) names.push_back(f.name);
  }
  return names;
}

std::vector<const Field*> facets() {
  std::vector<const Field*> rows;
  for (const auto& f : table()) {
    if (f.slot) rows.push_back(&f);
  }
  return rows;
}

std::string expected_values(const Field& field) {
  switch (field.values) {
    case Values::kVocabulary: {
      std::string out = "one of ";
      for (size_t i = 0; i < field.vocabulary.size(); ++i) {
        if (i) out += ", ";
        out += field.vocabulary[i];
      }
      return out;
    }
    case Values::kCountryCode: return "a two-letter country code such as PY";
    case Values::kJurisdiction: return "a two-letter country code such as PY or INT";
    case Values::kItemId: return "a Work Plan item such as activity:26 or mandate:7";
    case Values::kOrgId: return "an organization id such as iom";
    case Values::kYearRange: return "a year such as 2013 or a range such as 2010..2014";
    case Values::kSymbol: return "a document symbol such as AG/RES. 2551 (XL-O/10)";
    case Values::kArticle: return "an article's number, such as 149-A or \"art. 6\"";
    case Values::kTitleWords: return "a word";
  }
  return {};
}

std::string web_script() {
  std::string out =
      "// Generated from the field table (contract/src/fields.cpp): do not edit. tests/unit/contract/fields_test\n"
      "// fails when it is stale and rewrites it when run with ATIP_UPDATE_WEB_FIELDS=1.\n"
      "// The search filters and facets, in the order the page shows them.\n"
      "window.ATIP_FIELDS = [\n";
  bool first = true;
  for (const Field* f : facets()) {
    if (!f->url_filter) continue;
    out += std::string(first ? "" : ",\n") + "  { \"name\": " + json_string(f->name) + ", \"vocabulary\": [";
    for (size_t i = 0; i < f->vocabulary.size(); ++i) out += (i ? ", " : "") + json_string(f->vocabulary[i]);
    out += "] }";
    first = false;
  }
  return out + "\n];\n";
}

}  // namespace atip::fields
