// What OCR read from a page, kept on disk by the content of the file, so that indexing the same
// scan again (a new index, a changed sidecar, a new pipeline version) does not read it again.
// One small text file per page; a file that cannot be read or written is a miss, never an error.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "extract/pdf_layout.h"

namespace atip::ocr {

// A page as OCR read it, in PDF points, ready for layout analysis.
struct OcrPage {
  std::vector<pdf::Word> words;
  double mean_confidence = 0;  // 0-100, over the words
};

// The XXH3-128 of a file's bytes as 32 hex digits; empty when the file cannot be read.
std::string content_hash(const std::filesystem::path& file);

class OcrCache {
 public:
  explicit OcrCache(std::filesystem::path folder) : folder_(std::move(folder)) {}  // empty: no cache
  bool enabled() const { return !folder_.empty(); }

  // content: content_hash of the file; languages: Tesseract's ("spa"); page: 1-based.
  std::optional<OcrPage> load(const std::string& content, int page, const std::string& languages, int dpi) const;
  void store(const std::string& content, int page, const std::string& languages, int dpi, const OcrPage& result) const;

 private:
  std::filesystem::path entry(const std::string& content, int page, const std::string& languages, int dpi) const;
  std::filesystem::path folder_;
};

}  // namespace atip::ocr
