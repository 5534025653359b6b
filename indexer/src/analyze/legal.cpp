#include "atip/legal.h"

#include <set>

#include "atip/text.h"

namespace atip {

std::string article_key(std::string_view label) {
  static const std::set<std::string, std::less<>> label_words = {
      "articulo", "articulos", "art", "arts", "article", "articles", "artigo", "artigos", "section", "sections",
      "sec", "secs", "seccion", "secao", "s", "ss"};
  std::string key;
  bool leading = true;
  for (const auto& t : text::tokenize(label)) {
    if (leading && label_words.count(t.folded)) continue;
    leading = false;
    key += t.folded;
  }
  return key.size() > 40 ? std::string() : key;
}

}  // namespace atip
