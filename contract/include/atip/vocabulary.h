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

// How a link of a passage to a Work Plan item was found (atip/document.h: WorkPlanLink::method).
inline constexpr std::string_view kMethodExplicit = "explicit";      // the passage names the item
inline constexpr std::string_view kMethodQuotation = "quotation";    // it quotes the item's wording
inline constexpr std::string_view kMethodDefinition = "definition";  // it defines and punishes the offence
inline constexpr std::string_view kMethodCaption = "caption";        // its article's title names the item's subject
inline constexpr std::string_view kMethodSection = "section";        // its report section opens with the item
inline constexpr std::string_view kMethodSimilarity = "similarity";  // it shares the item's weighted vocabulary
inline constexpr std::string_view kMethodManual = "manual";          // a person added it
inline constexpr std::array<std::string_view, 7> kLinkMethods = {kMethodExplicit, kMethodQuotation,  kMethodDefinition,
                                                                 kMethodCaption,  kMethodSection,    kMethodSimilarity,
                                                                 kMethodManual};
// The review statuses of a link: the linker's own until a person confirms or rejects it.
inline constexpr std::string_view kLinkAuto = "auto";
inline constexpr std::string_view kLinkConfirmed = "confirmed";
inline constexpr std::string_view kLinkRejected = "rejected";
inline constexpr std::array<std::string_view, 3> kLinkStatuses = {kLinkAuto, kLinkConfirmed, kLinkRejected};

}  // namespace atip::vocabulary
