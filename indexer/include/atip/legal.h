// Legal citations shared by the indexer and the server.
#pragma once

#include <string>
#include <string_view>

namespace atip {

// An article as a search key, from its label or from what a reader types: the word for "article" or
// "section" dropped, the rest folded and run together ("Art. 149-A", "artículo 149 A" -> "149a";
// "§ 1589", "Section 1589" -> "1589"; "Artículo 411 quáter" -> "411quater"); empty when no number or
// name is left.
std::string article_key(std::string_view label);

}  // namespace atip
