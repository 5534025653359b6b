// The multilingual thesaurus (corpus/thesaurus.xml): concepts with terms in en/es/pt/fr.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "atip/result.h"

namespace atip {

struct ThesaurusTerm {
  std::string lang;
  std::string text;
  bool preferred = false;
  bool by_words = false;  // match="words": searched by its words as written, not their stems
};

struct Concept {
  std::string id;
  // What the linker reads the concept as (role="..." in thesaurus.xml, space-separated):
  // generic (names the actors and frame of every document: says nothing of an item), exploitation
  // and punishment (with their narrower concepts), act (an act of the Palermo definition),
  // criminalization and definition-standard (an item naming both asks for the offence's definition).
  std::vector<std::string> roles;
  std::vector<std::string> broader;
  std::vector<ThesaurusTerm> terms;
};

Result<std::vector<Concept>> load_thesaurus(const std::filesystem::path& xml);

// Each term as folded words joined by single spaces: the key and values of Xapian synonyms.
std::string synonym_key(std::string_view term);

}  // namespace atip
