#include <algorithm>
#include <fstream>

#include "extract/extractor.h"

namespace atip {
namespace {

class UnknownFormatExtractor final : public Extractor {
 public:
  FileFormat format() const override { return FileFormat::kUnknown; }
  Result<ExtractedDocument> extract(const std::filesystem::path& file) const override {
    return Error{ErrorCode::kUnsupported,
                 "unsupported format (extension '" + file.extension().string() + "')"};
  }
};

std::string lower_extension(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

FileFormat detect_format(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[1024] = {};
  in.read(head, sizeof head);
  std::string_view start(head, static_cast<size_t>(in.gcount()));
  if (start.find("%PDF-") != std::string_view::npos) return FileFormat::kPdf;
  std::string ext = lower_extension(file);
  if (ext == ".pdf") return FileFormat::kPdf;  // damaged header: let the PDF parser say why
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return FileFormat::kHtml;
  if (ext == ".txt" || ext == ".text" || ext == ".md") return FileFormat::kText;
  return FileFormat::kUnknown;
}

std::string content_type_of(FileFormat format) {
  switch (format) {
    case FileFormat::kPdf: return "application/pdf";
    case FileFormat::kHtml: return "text/html; charset=utf-8";
    case FileFormat::kText: return "text/plain; charset=utf-8";
    case FileFormat::kUnknown: break;
  }
  return "application/octet-stream";
}

std::string format_name(FileFormat format) {
  switch (format) {
    case FileFormat::kPdf: return "pdf";
    case FileFormat::kHtml: return "html";
    case FileFormat::kText: return "text";
    case FileFormat::kUnknown: break;
  }
  return "unknown";
}

FileFormat format_from_name(std::string_view name) {
  if (name == "pdf") return FileFormat::kPdf;
  if (name == "html") return FileFormat::kHtml;
  if (name == "text") return FileFormat::kText;
  return FileFormat::kUnknown;
}

void title_from_first_heading(ExtractedDocument& doc) {
  if (!doc.title.empty()) return;
  for (const auto& b : doc.blocks) {
    if (b.kind == TextBlock::Kind::kHeading) {
      doc.title = b.text;
      return;
    }
  }
}

bool is_document_file(const std::filesystem::path& file) {
  std::string ext = lower_extension(file);
  return ext == ".pdf" || ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".txt" ||
         ext == ".text";
}

ExtractorRegistry::ExtractorRegistry()
    : pdf_(make_pdf_extractor()),
      html_(make_html_extractor()),
      text_(make_text_extractor()),
      unknown_(std::make_unique<UnknownFormatExtractor>()) {}
ExtractorRegistry::~ExtractorRegistry() = default;

const Extractor& ExtractorRegistry::for_format(FileFormat format) const {
  switch (format) {
    case FileFormat::kPdf: return *pdf_;
    case FileFormat::kHtml: return *html_;
    case FileFormat::kText: return *text_;
    case FileFormat::kUnknown: break;
  }
  return *unknown_;
}

}  // namespace atip
