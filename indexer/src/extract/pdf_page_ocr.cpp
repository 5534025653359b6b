#include "extract/pdf_page_ocr.h"

#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>

#include <cmath>

#include "atip/language.h"

namespace atip::pdf {
namespace {

bool has_letter_or_digit(const std::string& s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

}  // namespace

PageOcr::PageOcr(const std::filesystem::path& file, const ExtractionHints& hints)
    : file_(file), hints_(hints), cache_(hints.ocr_cache) {
  const std::string known = ocr::tesseract_languages(hints.language);
  if (known != ocr::kAllLanguages) document_languages_ = known;
}

PageOcr::~PageOcr() = default;

std::string PageOcr::languages_for_page() {
  return document_languages_ ? *document_languages_ : std::string(ocr::kAllLanguages);
}

void PageOcr::learn_language(const ocr::OcrPage& first_page) {
  std::string text;
  for (const auto& w : first_page.words) text += w.text + " ";
  const LanguageGuess guess = detect_language(text);
  document_languages_ = ocr::tesseract_languages(guess.language);
}

Result<ocr::OcrPage> PageOcr::recognize(const poppler::page& page, const std::string& languages) {
  if (!announced_) {
    announced_ = true;
    if (hints_.before_ocr) hints_.before_ocr();
  }
  if (!engine_ || engine_->languages() != languages) {
    engine_.reset();
    auto opened = ocr::OcrEngine::open(languages);
    if (!opened) return opened.error();
    engine_ = std::move(opened.value());
  }
  const poppler::rectf rect = page.page_rect();
  const double inches = std::max(1e-3, rect.width() / 72.0) * std::max(1e-3, rect.height() / 72.0);
  int dpi = kOcrDpi;
  if (inches * dpi * dpi > kMaxOcrPixels) dpi = static_cast<int>(std::sqrt(kMaxOcrPixels / inches));
  if (dpi < kMinOcrDpi) return Error{ErrorCode::kTooLarge, "page too large to read by OCR"};

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(&page, dpi, dpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return Error{ErrorCode::kInvalidArgument, "page could not be rendered for OCR"};
  }
  ocr::GrayImage gray{reinterpret_cast<const unsigned char*>(image.const_data()), image.width(), image.height(),
                      image.bytes_per_row(), dpi};
  auto recognized = engine_->read(gray);
  if (!recognized) return recognized.error();

  const double points = 72.0 / dpi;
  ocr::OcrPage result;
  double confidence_sum = 0;
  for (const auto& r : recognized.value()) {
    if (r.confidence < kMinNoiseConfidence && !has_letter_or_digit(r.text)) continue;
    Word w;
    w.text = r.text;
    for (char& c : w.text) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    w.x0 = r.left * points;
    w.x1 = r.right * points;
    // The line's box, not the word's: "ocean" and "Typhoon" are on one line of one size.
    w.y0 = r.line_top * points;
    w.y1 = r.line_bottom * points;
    w.size = std::max(1.0, r.line_size * points);
    if (r.superscript) {  // a footnote marker: smaller and higher, as layout analysis expects
      w.size *= 0.6;
      w.y0 -= 0.05;
    }
    confidence_sum += r.confidence;
    result.words.push_back(std::move(w));
  }
  result.mean_confidence = result.words.empty() ? 0 : confidence_sum / static_cast<double>(result.words.size());
  return result;
}

Result<PageWords> PageOcr::read(const poppler::page& page, int number, OcrPageInfo& info) {
  if (content_.empty() && cache_.enabled()) content_ = ocr::content_hash(file_);
  const bool first_pass = !document_languages_;
  const std::string languages = languages_for_page();
  std::optional<ocr::OcrPage> result = cache_.load(content_, number, languages, kOcrDpi);
  info.from_cache = result.has_value();
  if (!result) {
    auto recognized = recognize(page, languages);
    if (!recognized) return recognized.error();
    result = std::move(recognized.value());
    cache_.store(content_, number, languages, kOcrDpi, *result);
  }
  if (first_pass && !result->words.empty()) learn_language(*result);

  info.page = number;
  info.confidence = result->mean_confidence;
  info.words = static_cast<int>(result->words.size());
  PageWords words;
  words.number = number;
  const poppler::rectf rect = page.page_rect();
  words.width = rect.width();
  words.height = rect.height();
  words.words = std::move(result->words);
  return words;
}

}  // namespace atip::pdf
