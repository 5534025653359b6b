// Pages of a PDF without a text layer, read by OCR: each is rendered with Poppler and read by
// Tesseract in the document's language (the sidecar's; when unknown, the first page is read with
// all four models and the language found there reads the rest). Results are cached per page by
// the file's content. The words come back in PDF points for the same layout analysis as text.
#pragma once

#include <poppler/cpp/poppler-page.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "atip/document.h"
#include "atip/result.h"
#include "extract/extractor.h"
#include "extract/ocr_cache.h"
#include "extract/ocr_engine.h"
#include "extract/pdf_layout.h"

namespace atip::pdf {

// The resolution pages are rendered at: Tesseract is most accurate with body text 20-30 pixels high.
inline constexpr int kOcrDpi = 300;
// A page larger than this many pixels at kOcrDpi is rendered at a lower resolution (a poster or a
// hostile page size must not take gigabytes); A3 at 300 dpi is 17 million.
inline constexpr double kMaxOcrPixels = 40e6;
inline constexpr int kMinOcrDpi = 100;
// Marks and specks that Tesseract reads with less confidence than this and with no letter or digit are
// left out.
inline constexpr float kMinNoiseConfidence = 60;
// An item number read again alone (digits and punctuation only, cut out of the margin) is kept from
// this confidence on. Tesseract is unsure of a lone "1." (18 for the work plan's first mandate) even
// when it reads it right; the ink in the margin and the digits-only reading are the evidence.
inline constexpr float kMinMarginNumberConfidence = 15;
// How far left of its text (inches) a hanging item number is looked for.
inline constexpr double kMarginNumberReach = 1.0;

class PageOcr {
 public:
  PageOcr(const std::filesystem::path& file, const ExtractionHints& hints);
  ~PageOcr();

  // number: 1-based. info is filled in when the page is read (from the cache or by Tesseract).
  Result<PageWords> read(const poppler::page& page, int number, OcrPageInfo& info);

 private:
  Result<ocr::OcrPage> recognize(const poppler::page& page, const std::string& languages);
  std::string languages_for_page();
  void learn_language(const ocr::OcrPage& first_page);

  std::filesystem::path file_;
  ExtractionHints hints_;
  ocr::OcrCache cache_;
  std::string content_;            // content hash, computed at the first page
  std::optional<std::string> document_languages_;  // Tesseract's, once known
  std::unique_ptr<ocr::OcrEngine> engine_;
  bool announced_ = false;
};

}  // namespace atip::pdf
