// Extractors turn one file into named fields (blocks of text with pages, title, ...).
// They never throw: a file that cannot be read becomes an Error with a reason fit to show.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "atip/document.h"
#include "atip/result.h"

namespace atip {

enum class FileFormat { kPdf, kHtml, kText, kUnknown };

// What the caller knows that helps extraction: the language of the sidecar (OCR reads with its
// model) and where OCR results are kept.
struct ExtractionHints {
  std::string language;             // en, es, pt, fr; empty: unknown
  std::filesystem::path ocr_cache;  // empty: OCR without a cache
  // Called once before the first page is read by OCR (the sandbox then allows OCR's longer time).
  std::function<void()> before_ocr;
};

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual FileFormat format() const = 0;
  virtual Result<ExtractedDocument> extract(const std::filesystem::path& file) const = 0;
  virtual Result<ExtractedDocument> extract(const std::filesystem::path& file, const ExtractionHints&) const {
    return extract(file);
  }
};

std::string format_name(FileFormat format);  // "pdf", "html", "text", "unknown"
FileFormat format_from_name(std::string_view name);

// By content first (magic bytes), then by extension.
FileFormat detect_format(const std::filesystem::path& file);
std::string content_type_of(FileFormat format);
// Whether the indexer treats a file in the corpus folder as a document at all.
bool is_document_file(const std::filesystem::path& file);

// A document whose file names no title takes its first heading's text.
void title_from_first_heading(ExtractedDocument& doc);

std::unique_ptr<Extractor> make_pdf_extractor();
std::unique_ptr<Extractor> make_html_extractor();
std::unique_ptr<Extractor> make_text_extractor();

// Picks the extractor for a file's format; unknown formats get an extractor that reports
// "unsupported format".
class ExtractorRegistry {
 public:
  ExtractorRegistry();
  ~ExtractorRegistry();
  const Extractor& for_format(FileFormat format) const;

 private:
  std::unique_ptr<Extractor> pdf_, html_, text_, unknown_;
};

// Runs the extractor of the same format in a child process (the atip-extract program, started
// with posix_spawn: never fork() a process whose other threads may hold libc locks) with
// CPU-time, memory and wall-clock limits, so a crash or hang inside a parser costs one file.
// A file whose pages need OCR gets longer: Tesseract takes seconds a page where Poppler takes
// milliseconds. The child announces OCR before its first page and only then may use the OCR limits.
// Memory is the same: a letter-size page at 300 dpi with all four language models peaks at 150 MB
// resident (measured with /usr/bin/time -v over atip-index on the scanned work plan; 94 MB with one).
struct SandboxLimits {
  int cpu_seconds = 60;
  int wall_seconds = 90;
  int ocr_cpu_seconds = kOcrCpuSeconds;
  int ocr_wall_seconds = kOcrCpuSeconds * 3 / 2;
  size_t memory_bytes = size_t{2} << 30;
  static constexpr int kOcrCpuSeconds = 900;  // about 200 pages at 300 dpi with one language model
};
Result<ExtractedDocument> extract_sandboxed(const Extractor& extractor, const std::filesystem::path& file,
                                            const SandboxLimits& limits, const ExtractionHints& hints = {});

// The child's side: runs in atip-extract with the limits applied; writes the result to fd.
int run_extraction_child(FileFormat format, const std::filesystem::path& file, const SandboxLimits& limits,
                         const ExtractionHints& hints, int fd);

}  // namespace atip
