// Language identification (CLD2) limited to the archive's languages.
#pragma once

#include <string>
#include <string_view>

namespace atip {

struct LanguageGuess {
  std::string language;  // en, es, pt, fr, or empty when none of them
  bool reliable = false;
};

// hint: a language code the caller believes likely (sidecar, <html lang>), may be empty.
LanguageGuess detect_language(std::string_view utf8_text, std::string_view hint = {});

}  // namespace atip
