// The grammar of laws shared by the indexer and the server: article keys, structural headings.
#pragma once

#include <string>
#include <string_view>

#include "atip/document.h"

namespace atip {

// An article as a search key, from its label or from what a reader types: the word for "article" or
// "section" dropped, the rest folded and run together ("Art. 149-A", "artículo 149 A" -> "149a";
// "§ 1589", "Section 1589" -> "1589"; "Artículo 411 quáter" -> "411quater"); empty when no number or
// name is left.
std::string article_key(std::string_view label);

// The grammar of laws is data: corpus/legal-grammar.xml (schemas/legal-grammar.xsd), built in.

// "Artículo 10", "Art. 149-A.", "Article 5", "279.01", "Section 1589" at the start: the label, else empty.
std::string article_label(std::string_view text);
// The words that open an article's label, as a regular-expression alternation ("Artículo|...|§").
const std::string& article_words_pattern();

// Where a heading of a law stands in its outline: "LIBRO PRIMERO" {book, 1}, "TÍTULO II" {title, 2},
// "CAPÍTULO I" {chapter, 3}, "Sección 2" {section, 4}, "TRANSITORIOS" {transitory, 1}; a heading
// with no structural word {"", 0}.
struct StructuralHeading {
  std::string_view kind;
  int level = 0;
};
StructuralHeading structural_heading(std::string_view text);

// The kind of step a passage's own article is in its path.
inline constexpr std::string_view kArticleStep = "article";
// The kind of a heading with no structural word ("Trafficking in Persons", a cross-heading).
inline constexpr std::string_view kPlainHeadingStep = "heading";

// A heading split as cited: "CAPÍTULO II. De la protección" -> {chapter, "CAPÍTULO II", "De la
// protección"}; "TRANSITORIOS" -> {transitory, "TRANSITORIOS", ""}; "Trafficking in Persons" ->
// {heading, "", "Trafficking in Persons"}.
PathStep path_step(std::string_view heading);

}  // namespace atip
