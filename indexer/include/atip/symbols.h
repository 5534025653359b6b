// OAS and UN document symbols: finding them in text and normalizing their variants to one key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

}  // namespace atip
