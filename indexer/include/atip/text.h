// Text analysis shared by the indexer and the query side: the same folding, tokens and stems
// at index and query time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atip::text {

// The four languages the archive analyses, in a stable order.
const std::vector<std::string>& languages();
bool is_supported_language(std::string_view lang);

// NFKC case folding plus accent removal: "Víctimas" -> "victimas", "Straße" -> "strasse".
std::string fold(std::string_view utf8);
// NFKC case folding that keeps accents: "Víctimas" -> "víctimas".
std::string lower(std::string_view utf8);
// Whitespace runs become one space; leading and trailing spaces go: text compared as a reader sees it.
std::string squeeze(std::string_view text);

struct Token {
  std::string folded;   // what is indexed and matched
  std::string lowered;  // case-folded surface form, accents kept
  size_t begin = 0;     // byte offsets of the word in the analysed text
  size_t end = 0;
};

// Words are runs of letters, digits and combining marks; apostrophes split them, which handles
// French and Italian elision ("l'exploitation" -> "l", "exploitation").
std::vector<Token> tokenize(std::string_view utf8);

bool is_stopword(std::string_view folded, std::string_view lang);
// A stopword in any of the four languages.
bool is_stopword_any(std::string_view folded);

// A Snowball stemmer for one language, applied to folded words.
class Stemmer {
 public:
  explicit Stemmer(std::string_view lang);
  ~Stemmer();
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  std::string operator()(std::string_view folded_word) const;
  const std::string& language() const { return lang_; }

 private:
  struct Impl;
  std::string lang_;
  std::unique_ptr<Impl> impl_;
};

// Valid UTF-8 with NUL and other C0 controls (but tab and newline) removed; invalid bytes dropped.
std::string sanitize_utf8(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);

}  // namespace atip::text
