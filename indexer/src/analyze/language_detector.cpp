#include <cstdio>

#include <public/compact_lang_det.h>
#include <public/encodings.h>

#include "atip/language.h"
#include "atip/text.h"

namespace atip {

LanguageGuess detect_language(std::string_view utf8_text, std::string_view hint) {
  LanguageGuess guess;
  if (utf8_text.empty()) return guess;
  std::string clean = text::sanitize_utf8(utf8_text);
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  if (!hint.empty()) hints.language_hint = CLD2::GetLanguageFromName(std::string(hint).c_str());
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language top = CLD2::ExtDetectLanguageSummary(
      clean.data(), static_cast<int>(clean.size()), true, &hints, 0, language3, percent3,
      normalized_score3, nullptr, &text_bytes, &reliable);
  // Prefer the best-scoring of the archive's languages among CLD2's top three.
  for (int i = 0; i < 3; ++i) {
    std::string code = CLD2::LanguageCode(language3[i]);
    if (text::is_supported_language(code) && percent3[i] > 0) {
      guess.language = code;
      guess.reliable = reliable && language3[i] == top;
      return guess;
    }
  }
  std::string code = CLD2::LanguageCode(top);
  if (text::is_supported_language(code)) {
    guess.language = code;
    guess.reliable = reliable;
  }
  return guess;
}

}  // namespace atip
