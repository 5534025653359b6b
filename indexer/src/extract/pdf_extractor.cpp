#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <ctime>
#include <memory>

#include "atip/text.h"
#include "extract/extractor.h"
#include "extract/pdf_layout.h"
#include "extract/pdf_page_ocr.h"

namespace atip {
namespace {

std::string utf8(const poppler::ustring& u) {
  poppler::byte_array bytes = u.to_utf8();
  return text::sanitize_utf8(std::string_view(bytes.data(), bytes.size()));
}

void ignore_poppler_message(const std::string&, void*) {}

class PdfExtractor final : public Extractor {
 public:
  FileFormat format() const override { return FileFormat::kPdf; }
  PdfExtractor() { poppler::set_debug_error_function(ignore_poppler_message, nullptr); }

  Result<ExtractedDocument> extract(const std::filesystem::path& file) const override { return extract(file, {}); }

  Result<ExtractedDocument> extract(const std::filesystem::path& file, const ExtractionHints& hints) const override {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(file.string()));
    if (!doc) return Error{ErrorCode::kInvalidArgument, "damaged or not a PDF (Poppler cannot open it)"};
    if (doc->is_locked()) return Error{ErrorCode::kPermissionDenied, "encrypted PDF: needs a password"};
    ExtractedDocument out;
    out.pages = doc->pages();
    if (out.pages <= 0) return Error{ErrorCode::kInvalidArgument, "PDF has no pages"};
    out.title = utf8(doc->get_title());
    out.author = utf8(doc->get_author());
    time_t created = doc->info_date_t("CreationDate");
    if (created > 0) {
      char buf[16];
      std::tm tm{};
      gmtime_r(&created, &tm);
      if (std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm)) out.created = buf;
    }

    std::vector<pdf::PageWords> pages;
    pages.reserve(out.pages);
    size_t characters = 0;
    std::unique_ptr<pdf::PageOcr> ocr;  // made at the first page without a text layer
    std::string ocr_failure;
    for (int i = 0; i < out.pages; ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) {
        out.warnings.push_back("page " + std::to_string(i + 1) + " could not be read");
        continue;
      }
      pdf::PageWords pw;
      pw.number = i + 1;
      poppler::rectf rect = page->page_rect();
      pw.width = rect.width();
      pw.height = rect.height();
      // Without font information: Poppler is a third faster, and the box height gives the size.
      for (auto& box : page->text_list()) {
        pdf::Word w;
        w.text = utf8(box.text());
        if (w.text.empty()) continue;
        poppler::rectf b = box.bbox();
        w.x0 = b.left();
        w.y0 = b.top();
        w.x1 = b.right();
        w.y1 = b.bottom();
        w.size = w.y1 - w.y0;
        if (!(w.size > 0 && w.size < 500)) w.size = 1;
        w.space_after = box.has_space_after();
        characters += w.text.size();
        pw.words.push_back(std::move(w));
      }
      if (pw.words.empty()) {  // no text layer: a scanned page
        if (!ocr) ocr = std::make_unique<pdf::PageOcr>(file, hints);
        OcrPageInfo info;
        auto read = ocr->read(*page, i + 1, info);
        if (!read) {
          ocr_failure = read.error().message;
          out.warnings.push_back("page " + std::to_string(i + 1) + ": " + ocr_failure);
        } else if (!read.value().words.empty()) {
          pw = std::move(read.value());
          for (const auto& w : pw.words) characters += w.text.size();
          out.ocr_pages.push_back(info);
        }
      }
      pages.push_back(std::move(pw));
    }
    if (characters == 0) {
      if (!ocr_failure.empty()) return Error{ErrorCode::kUnsupported, "no text layer, and OCR failed: " + ocr_failure};
      return Error{ErrorCode::kUnsupported, "no text layer, and OCR found no text (image-only or scanned PDF)"};
    }
    out.blocks = pdf::analyze_layout(pages);
    title_from_first_heading(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> make_pdf_extractor() { return std::make_unique<PdfExtractor>(); }

}  // namespace atip
