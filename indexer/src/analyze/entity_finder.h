// Finds countries (names, demonyms, capitals in en/es/pt/fr -> ISO codes) and organizations
// (names and acronyms in any language -> one id) in passage text.
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/phrase_dictionary.h"
#include "atip/result.h"

namespace atip {

class EntityFinder {
 public:
  // Either file may be missing: the finder then finds nothing of that kind.
  static Result<EntityFinder> load(const std::filesystem::path& countries_xml,
                                   const std::filesystem::path& organizations_xml);

  std::vector<std::string> countries(std::string_view text) const;
  std::vector<std::string> organizations(std::string_view text) const;
  // The same over tokens already made from text.
  std::vector<std::string> countries(std::string_view text, const std::vector<text::Token>& tokens) const;
  std::vector<std::string> organizations(std::string_view text, const std::vector<text::Token>& tokens) const;

  size_t country_count() const { return country_codes_; }
  size_t organization_count() const { return organization_ids_; }

 private:
  PhraseDictionary country_aliases_;  // names, demonyms, capitals, places -> code
  std::unordered_map<std::string, std::string> country_acronyms_;  // exact acronym -> code
  PhraseDictionary org_names_;        // names -> id
  std::unordered_map<std::string, std::string> org_acronyms_;  // exact acronym -> id
  size_t country_codes_ = 0;
  size_t organization_ids_ = 0;
};

}  // namespace atip
