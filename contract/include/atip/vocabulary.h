// The closed vocabularies of the index and the API, spelled once.
#pragma once

#include <array>
#include <string_view>

namespace atip::vocabulary {

// Document types (schemas/document.xsd, API.md).
inline constexpr std::array<std::string_view, 9> kDocumentTypes = {
    "resolution", "conclusions", "model-law", "law", "work-plan", "report", "activities", "treaty", "other"};
// The archive's languages (ISO 639-1).
inline constexpr std::array<std::string_view, 4> kLanguages = {"en", "es", "pt", "fr"};
// The pillars of the Work Plan's items (corpus/workplan.xml, section/@pillar).
inline constexpr std::array<std::string_view, 4> kPillars = {"prevention", "prosecution", "protection",
                                                             "general-secretariat"};

}  // namespace atip::vocabulary
