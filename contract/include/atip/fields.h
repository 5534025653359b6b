// The field table: every field a passage can be filtered, faceted or queried by, one row each.
// The document builder, the query parser and builder, the facet counter, the request parser and the
// web page's facet list (web/fields.js, generated from this table) all read it; a new filter is a
// new row, the code that gives its values to a passage, and its labels.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atip::fields {

// How a value written by a user is checked and turned into terms.
enum class Values {
  kVocabulary,    // one of a closed list, case-folded ("report", "en", "prevention")
  kCountryCode,   // two letters, upper-cased ("PY")
  kJurisdiction,  // two letters or INT, upper-cased
  kItemId,        // a Work Plan item: activity:N or mandate:N
  kOrgId,         // an organization id ("iom")
  kYearRange,     // a year or a range ("2010..2014"), one term per year
  kSymbol,        // a document symbol, normalized to its key
  kArticle,       // an article label, normalized to its key ("149-A" -> "149a")
  kTitleWords,    // words of the document's title; they also score
};

struct Field {
  std::string_view name;                  // the URL parameter, the facet and the query field ("type:")
  std::vector<std::string_view> aliases;  // other query-field spellings ("lang:")
  std::string_view prefix;                // the term prefix of its values
  std::optional<unsigned> slot;           // the value slot its facet counts; none: not a facet
  bool url_filter = false;                // a repeatable filter parameter of /api/v1/search
  Values values = Values::kVocabulary;
  std::vector<std::string_view> vocabulary;  // kVocabulary's values
  std::string_view example;               // a valid value, for error messages and the web page
};

// In the order facets are rendered.
const std::vector<Field>& table();
// The row of a name or alias; nullptr when there is none.
const Field* find(std::string_view name_or_alias);
// The URL filters of /api/v1/search, in table order.
std::vector<std::string_view> url_filters();
// The facet rows, in table order.
std::vector<const Field*> facets();
// "one of a, b, c" for a vocabulary; what a value must look like otherwise.
std::string expected_values(const Field& field);
// The table as the web page reads it: `window.ATIP_FIELDS = [...]`.
std::string web_script();

}  // namespace atip::fields
