// OAS and UN document symbols: finding them in text and normalizing their variants to one key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "atip/text.h"

namespace atip {

struct FoundSymbol {
  std::string written;  // as it appears in the text
  std::string key;      // normalized: same document -> same key
  size_t begin = 0;
};

// "AG/RES. 2551 (XL-O/10)" -> "ag/res.2551(xl-o/10)"; "OEA/Ser.K/XXXIX.3 RTP-III/doc.7/12" and
// "RTP-III/doc.7/12" -> "rtp-iii/doc.7/12"; "CP/CSH-1155/09 rev. 11" and "CP/CSH/1155/09 rev.11"
// -> "cp/csh/1155/09/rev.11". Empty when the text is not a symbol.
std::string normalize_symbol(std::string_view symbol);

std::vector<FoundSymbol> find_symbols(std::string_view text);

// References to the conclusions of a Meeting of National Authorities on Trafficking in Persons, in
// en/es/pt/fr: "Conclusion No. 3 of the Third Meeting of National Authorities on Trafficking in
// Persons", "Conclusión N° 3 de la Tercera Reunión de Autoridades Nacionales ..." -> key
// "rtp-iii/conclusions", the key conclusions_key() gives that meeting's conclusions document.
std::vector<FoundSymbol> find_conclusion_references(std::string_view text);
// The same, on text::tokenize(text) when the caller has it already.
std::vector<FoundSymbol> find_conclusion_references(std::string_view text, const std::vector<text::Token>& tokens);

// 1..10 when a folded word is the ordinal of a meeting in en/es/pt/fr ("third", "tercera",
// "troisieme", "3rd"), else 0.
int meeting_ordinal(std::string_view folded_word);

// The key a conclusions document is also known by, from one of its symbol keys
// ("rtp-iii/doc.7/12" -> "rtp-iii/conclusions"); empty when the key names no meeting.
std::string conclusions_key(std::string_view symbol_key);

}  // namespace atip
