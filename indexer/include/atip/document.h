// Plain data that flows from extraction to the index: no Xapian or Poppler types.
#pragma once

#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "atip/records.h"
#include "atip/vocabulary.h"

namespace atip {

// What a sidecar, a manifest row or the file itself says about a document.
struct DocumentMetadata {
  std::string id;
  std::string title;
  std::string type;                  // resolution, report, law, ... (API.md)
  std::vector<std::string> symbols;  // first = the document's own symbol
  std::string date;                  // YYYY, YYYY-MM or YYYY-MM-DD
  std::vector<int> years;            // every year covered
  std::string jurisdiction;          // ISO alpha-2 or INT
  std::string language;              // en, es, pt, fr
  std::string source;
  std::string note;

  bool operator==(const DocumentMetadata&) const = default;
};

// One block of text as extracted, before segmentation into passages.
struct TextBlock {
  enum class Kind { kParagraph, kHeading, kFootnote, kEvent };
  Kind kind = Kind::kParagraph;
  std::string text;
  int page = 0;              // 1-based; 0 when the format has no pages
  std::string date;          // an event's own date (YYYY-MM-DD), else empty
  std::string place;         // an event's place, else empty
  int level = 0;             // heading level (1 = top)
};

// A page whose text was read by OCR (it had no text layer).
struct OcrPageInfo {
  int page = 0;             // 1-based
  double confidence = 0;    // Tesseract's mean word confidence, 0-100
  int words = 0;
  bool from_cache = false;  // read from the OCR cache, not recognized again
};

// What an extractor gives back: named fields, never an exception.
struct ExtractedDocument {
  std::vector<TextBlock> blocks;
  std::string title;         // from the file itself (PDF info, <title>, first heading)
  std::string author;
  std::string created;       // YYYY-MM-DD when known
  std::string language_hint; // e.g. <html lang>
  int pages = 0;
  std::vector<std::string> warnings;
  std::vector<OcrPageInfo> ocr_pages;  // empty when every page had a text layer
};

struct WorkPlanLink {
  std::string item;    // activity:N or mandate:N
  std::string method;  // vocabulary::kLinkMethods
  double score = 0;
  std::string status = std::string(vocabulary::kLinkAuto);  // until a person confirms or rejects it
  // What made it, for a reader: the reference as written, the quoted words, or the concepts
  // ("concept:shelter") and word stems the passage shares with the item, strongest first.
  std::vector<std::string> basis;
  std::string pillar;  // the item's (vocabulary::kPillars), from the Work Plan
};

using vocabulary::kLinkAuto;
using vocabulary::kLinkConfirmed;
using vocabulary::kLinkRejected;

// A person's verdict on a link of one passage: "confirmed" (added when the linker did not find it)
// or "rejected" (kept, visible as such, but no longer evidence, filter or facet).
struct LinkReview {
  int passage = 0;
  std::string item;
  std::string status;
};

// One step of a provision's place in a law's outline: "CAPÍTULO II De la protección" is
// {"chapter", "CAPÍTULO II", "De la protección"}; a heading with no structural word has no label.
using PathStep = records::PathStep;  // kind: book, part, title, chapter, section, subchapter, transitory, heading, article

struct Passage {
  int n = 0;                    // 1-based ordinal in the document
  int page = 0;
  std::string heading;          // heading path, " › " separated
  std::vector<PathStep> path;   // the same headings, outermost first, each split as cited
  // The caption of the article or section the passage is part of ("§ 7101. Purposes and findings",
  // "Article 9 Prevention of trafficking in persons", "Artículo 10"), else empty.
  std::string article;
  std::string language;
  std::string date;             // the passage's own date (events), else empty
  std::string place;
  std::string text;
  bool footnote = false;
  bool ocr = false;             // its page was read by OCR
  double ocr_confidence = 0;    // that page's mean word confidence (0-100), when ocr
  std::vector<std::string> countries;
  std::vector<std::string> orgs;
  std::vector<std::string> symbols;  // normalized citation keys found in the text
  std::vector<std::string> cited_symbols;  // the symbols as written
  std::vector<WorkPlanLink> links;
};

}  // namespace atip
