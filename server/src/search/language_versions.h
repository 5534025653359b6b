// Translations of one law: documents of one jurisdiction and type, in other languages, whose articles
// are the same articles (Canada's Criminal Code in English and French: 279.01 to 279.04 in both).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "atip/server/search_types.h"

namespace atip {

// Fills each record's article_passages, and translations with the summaries of its language
// versions. International instruments are left alone: treaties number their articles alike.
void link_language_versions(std::map<std::string, DocumentRecord>& records);

}  // namespace atip
