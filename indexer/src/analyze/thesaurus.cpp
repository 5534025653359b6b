#include "analyze/thesaurus.h"

#include <sstream>

#include <pugixml.hpp>

#include "atip/text.h"

namespace atip {

Result<std::vector<Concept>> load_thesaurus(const std::filesystem::path& xml) {
  pugi::xml_document doc;
  auto parsed = doc.load_file(xml.c_str());
  if (!parsed) return invalid_argument(xml.string() + ": " + parsed.description());
  std::vector<Concept> concepts;
  for (auto c : doc.child("thesaurus").children("concept")) {
    Concept entry;
    entry.id = c.attribute("id").as_string();
    std::istringstream roles(c.attribute("role").as_string());
    for (std::string role; roles >> role;) entry.roles.push_back(role);
    for (auto b : c.children("broader")) entry.broader.push_back(b.attribute("ref").as_string());
    for (auto t : c.children("term")) {
      ThesaurusTerm term;
      term.lang = t.attribute("lang").as_string();
      term.text = t.text().as_string();
      term.preferred = t.attribute("pref").as_bool();
      term.by_words = std::string_view(t.attribute("match").as_string()) == "words";
      if (!term.text.empty()) entry.terms.push_back(std::move(term));
    }
    if (!entry.id.empty() && !entry.terms.empty()) concepts.push_back(std::move(entry));
  }
  return concepts;
}

std::string synonym_key(std::string_view term) {
  std::string key;
  for (const auto& t : text::tokenize(term)) {
    if (!key.empty()) key.push_back(' ');
    key += t.folded;
  }
  return key;
}

}  // namespace atip
