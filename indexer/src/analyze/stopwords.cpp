#include "analyze/stopwords.h"

#include <string>
#include <unordered_set>

namespace atip::stopwords {
namespace {

using WordSet = std::unordered_set<std::string_view>;

const WordSet& english() {
  static const WordSet s = {
      "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
      "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or",
      "our", "s", "she", "so", "such", "than", "that", "the", "their", "them", "then", "there",
      "these", "they", "this", "those", "to", "was", "were", "which", "while", "who", "whom",
      "will", "with", "would", "shall", "should", "may", "can", "could", "also", "any", "all",
      "other", "its", "we", "you", "your", "do", "does", "did", "not", "no", "nor", "upon"};
  return s;
}
const WordSet& spanish() {
  static const WordSet s = {
      "a", "al", "algo", "como", "con", "contra", "cual", "cuando", "de", "del", "desde", "donde",
      "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "ese",
      "eso", "esta", "este", "esto", "fue", "ha", "han", "hasta", "la", "las", "le", "les", "lo",
      "los", "mas", "me", "mi", "muy", "no", "o", "para", "pero", "por", "que", "se", "sea", "ser",
      "si", "sin", "sobre", "son", "su", "sus", "tambien", "te", "u", "un", "una", "uno", "unos",
      "unas", "y", "ya", "dicho", "dicha", "sera", "seran"};
  return s;
}
const WordSet& portuguese() {
  static const WordSet s = {
      "a", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "ela", "ele",
      "em", "entre", "era", "essa", "esse", "esta", "este", "foi", "ha", "isso", "isto", "ja", "lhe",
      "mais", "mas", "na", "nas", "no", "nos", "nao", "o", "os", "ou", "para", "pela", "pelas",
      "pelo", "pelos", "por", "qual", "que", "se", "sem", "ser", "seu", "seus", "sua", "suas",
      "tambem", "um", "uma", "umas", "uns", "num", "numa", "sao",
      // enclitic pronouns, split from their verb at the hyphen ("protegê-las", "assegurar-lhes")
      "lo", "la", "los", "las", "lhes", "me", "te"};
  return s;
}
const WordSet& french() {
  static const WordSet s = {
      "a", "au", "aux", "avec", "c", "ce", "ces", "cette", "d", "dans", "de", "des", "du", "elle",
      "en", "est", "et", "etre", "il", "ils", "j", "l", "la", "le", "les", "leur", "leurs", "lui",
      "m", "mais", "me", "n", "ne", "ni", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
      "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "un", "une", "vous", "y", "dont",
      "ete", "sera", "seront",
      // elided conjunctions ("jusqu'à", "lorsqu'il", "puisqu'elle")
      "jusqu", "lorsqu", "puisqu", "quoiqu"};
  return s;
}

}  // namespace

bool contains(std::string_view lang, std::string_view w) {
  if (lang == "en") return english().count(w) > 0;
  if (lang == "es") return spanish().count(w) > 0;
  if (lang == "pt") return portuguese().count(w) > 0;
  if (lang == "fr") return french().count(w) > 0;
  return false;
}

}  // namespace atip::stopwords
