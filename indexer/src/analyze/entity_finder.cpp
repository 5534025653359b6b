#include "analyze/entity_finder.h"

#include <pugixml.hpp>

#include <set>

namespace atip {

Result<EntityFinder> EntityFinder::load(const std::filesystem::path& countries_xml,
                                        const std::filesystem::path& organizations_xml) {
  EntityFinder f;
  if (std::filesystem::exists(countries_xml)) {
    pugi::xml_document doc;
    auto parsed = doc.load_file(countries_xml.c_str());
    if (!parsed) return invalid_argument(countries_xml.string() + ": " + parsed.description());
    for (auto country : doc.child("countries").children("country")) {
      std::string code = country.attribute("code").as_string();
      if (code.empty()) continue;
      ++f.country_codes_;
      for (auto alias : country.children()) {
        std::string_view name = alias.name();
        if (name == "name" || name == "demonym" || name == "capital" || name == "place") {
          // A longer place ("British Columbia") wins over the country name inside it.
          f.country_aliases_.add(alias.text().as_string(), code);
        } else if (name == "acronym") {
          // "US", "USA": exact case only, or "us" and Spanish "usa" would be countries.
          f.country_acronyms_.emplace(alias.text().as_string(), code);
        }
      }
    }
  }
  if (std::filesystem::exists(organizations_xml)) {
    pugi::xml_document doc;
    auto parsed = doc.load_file(organizations_xml.c_str());
    if (!parsed) return invalid_argument(organizations_xml.string() + ": " + parsed.description());
    for (auto org : doc.child("organizations").children("organization")) {
      std::string id = org.attribute("id").as_string();
      if (id.empty()) continue;
      ++f.organization_ids_;
      for (auto name : org.children("name")) f.org_names_.add(name.text().as_string(), id);
      for (auto acronym : org.children("acronym")) {
        std::string a = acronym.text().as_string();
        if (!a.empty()) f.org_acronyms_.emplace(a, id);
      }
    }
  }
  return f;
}

std::vector<std::string> EntityFinder::countries(std::string_view text) const {
  return countries(text, text::tokenize(text));
}

std::vector<std::string> EntityFinder::countries(std::string_view text, const std::vector<text::Token>& tokens) const {
  std::set<std::string> found;
  for (const auto& m : country_aliases_.find(tokens)) found.insert(m.value);
  for (const auto& t : tokens) {
    auto it = country_acronyms_.find(std::string(text.substr(t.begin, t.end - t.begin)));
    if (it != country_acronyms_.end()) found.insert(it->second);
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> EntityFinder::organizations(std::string_view text) const {
  return organizations(text, text::tokenize(text));
}

std::vector<std::string> EntityFinder::organizations(std::string_view text, const std::vector<text::Token>& tokens) const {
  std::set<std::string> found;
  for (const auto& m : org_names_.find(tokens)) found.insert(m.value);
  for (const auto& t : tokens) {
    auto it = org_acronyms_.find(std::string(text.substr(t.begin, t.end - t.begin)));
    if (it != org_acronyms_.end()) found.insert(it->second);
  }
  return {found.begin(), found.end()};
}

}  // namespace atip
