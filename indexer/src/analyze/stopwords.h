// Stopword lists per language, in folded form.
#pragma once

#include <string_view>

namespace atip::stopwords {
bool contains(std::string_view lang, std::string_view folded_word);
}
