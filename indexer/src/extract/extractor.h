// Extractors turn one file into named fields (blocks of text with pages, title, ...).
// They never throw: a file that cannot be read becomes an Error with a reason fit to show.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "atip/document.h"
#include "atip/result.h"

namespace atip {

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual Result<ExtractedDocument> extract(const std::filesystem::path& file) const = 0;
};

enum class FileFormat { kPdf, kHtml, kText, kUnknown };

// By content first (magic bytes), then by extension.
FileFormat detect_format(const std::filesystem::path& file);
std::string content_type_of(FileFormat format);
// Whether the indexer treats a file in the corpus folder as a document at all.
bool is_document_file(const std::filesystem::path& file);

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

// Runs an extractor in a child process with CPU-time, memory and wall-clock limits, so a
// crash or hang inside a parser costs one file, never the run.
struct SandboxLimits {
  int cpu_seconds = 60;
  int wall_seconds = 90;
  size_t memory_bytes = size_t{2} << 30;
};
Result<ExtractedDocument> extract_sandboxed(const Extractor& extractor, const std::filesystem::path& file,
                                            const SandboxLimits& limits);

}  // namespace atip
