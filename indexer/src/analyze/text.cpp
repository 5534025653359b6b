#include "atip/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>

#include "analyze/stopwords.h"
#include "atip/vocabulary.h"

namespace atip::text {
namespace {

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& casefold_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return *n;
}
const icu::Normalizer2& nfd_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  return *n;
}
const icu::Normalizer2& nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return *n;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Letters that NFD does not decompose but a reader treats as accented Latin.
void append_folded_letter(icu::UnicodeString& out, UChar32 c) {
  switch (c) {
    case 0x00E6: out.append(u"ae"); return;  // æ
    case 0x0153: out.append(u"oe"); return;  // œ
    case 0x00F8: out.append(u'o'); return;   // ø
    case 0x0142: out.append(u'l'); return;   // ł
    case 0x0111: out.append(u'd'); return;   // đ
    case 0x0131: out.append(u'i'); return;   // dotless i
    case 0x00F0: out.append(u'd'); return;   // ð
    case 0x00FE: out.append(u"th"); return;  // þ
    default: out.append(c);
  }
}

bool is_word_char(UChar32 c) {
  if (u_isalnum(c)) return true;
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

}  // namespace

const std::vector<std::string>& languages() {
  static const std::vector<std::string> langs(vocabulary::kLanguages.begin(), vocabulary::kLanguages.end());
  return langs;
}

bool is_supported_language(std::string_view lang) {
  const auto& l = languages();
  return std::find(l.begin(), l.end(), lang) != l.end();
}

std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string lower(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString folded = casefold_normalizer().normalize(u, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return to_utf8(folded);
}

std::string fold(std::string_view utf8) {
  if (is_ascii(utf8)) return lower(utf8);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString folded = casefold_normalizer().normalize(u, status);
  icu::UnicodeString decomposed = nfd_normalizer().normalize(folded, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    append_folded_letter(stripped, c);
  }
  icu::UnicodeString composed = nfc_normalizer().normalize(stripped, status);
  if (U_FAILURE(status)) return to_utf8(stripped);
  return to_utf8(composed);
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  int32_t word_begin = -1;
  auto flush = [&](int32_t end) {
    if (word_begin < 0) return;
    std::string_view word = s.substr(word_begin, end - word_begin);
    Token t;
    t.begin = static_cast<size_t>(word_begin);
    t.end = static_cast<size_t>(end);
    t.lowered = lower(word);
    t.folded = fold(word);
    // Soft hyphens inside words are not part of them.
    auto strip_soft = [](std::string& w) {
      static const std::string soft = "\xC2\xAD";
      for (size_t p; (p = w.find(soft)) != std::string::npos;) w.erase(p, soft.size());
    };
    strip_soft(t.lowered);
    strip_soft(t.folded);
    if (!t.folded.empty()) tokens.push_back(std::move(t));
    word_begin = -1;
  };
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    bool word = c >= 0 && (is_word_char(c) || (c == 0xAD && word_begin >= 0));
    if (word) {
      if (word_begin < 0) word_begin = start;
    } else {
      flush(start);
    }
  }
  flush(length);
  return tokens;
}

bool is_stopword(std::string_view folded, std::string_view lang) {
  return stopwords::contains(lang, folded);
}

bool is_stopword_any(std::string_view folded) {
  for (const auto& l : languages()) {
    if (stopwords::contains(l, folded)) return true;
  }
  return false;
}

struct Stemmer::Impl {
  Xapian::Stem stem;
};

Stemmer::Stemmer(std::string_view lang) : lang_(lang), impl_(std::make_unique<Impl>()) {
  static const std::pair<const char*, const char*> names[] = {
      {"en", "english"}, {"es", "spanish"}, {"pt", "portuguese"}, {"fr", "french"}};
  for (const auto& [code, name] : names) {
    if (lang == code) impl_->stem = Xapian::Stem(name);
  }
}
Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string Stemmer::operator()(std::string_view folded_word) const {
  if (impl_->stem.is_none()) return std::string(folded_word);
  // Snowball's Spanish and Portuguese stemmers recognise "-ación" and "-ção" only with their
  // accents, while the plurals ("-aciones", "-ções") carry none in Spanish: folded singulars
  // would keep their suffix. Put back the accent these suffixes always have, stem, fold again.
  std::string word(folded_word);
  auto ends_with = [&](std::string_view suffix) {
    return word.size() > suffix.size() + 2 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  auto replace_suffix = [&](size_t length, std::string_view with) { word.replace(word.size() - length, length, with); };
  bool restored = false;
  if (lang_ == "es") {
    if (ends_with("cion")) replace_suffix(4, "ción"), restored = true;
    else if (ends_with("sion")) replace_suffix(4, "sión"), restored = true;
  } else if (lang_ == "pt") {
    if (ends_with("coes")) replace_suffix(4, "ções"), restored = true;
    else if (ends_with("cao")) replace_suffix(3, "ção"), restored = true;
    else if (ends_with("soes")) replace_suffix(4, "sões"), restored = true;
    else if (ends_with("sao")) replace_suffix(3, "são"), restored = true;
  }
  std::string stem = impl_->stem(word);
  return restored ? fold(stem) : stem;
}

bool is_valid_utf8(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (c < 0x20 && c != '\t' && c != '\n') continue;
    if (c == 0x7F) continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace atip::text
