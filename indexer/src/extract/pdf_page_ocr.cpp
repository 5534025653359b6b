#include "extract/pdf_page_ocr.h"

#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "atip/language.h"

namespace atip::pdf {
namespace {

bool has_letter_or_digit(const std::string& s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

struct OcrLine {
  std::vector<ocr::RecognizedWord> words;
  int left = 0, right = 0, top = 0, bottom = 0;
};

std::vector<OcrLine> group_lines(const std::vector<ocr::RecognizedWord>& words) {
  std::vector<OcrLine> lines;
  int current = -1;
  for (const auto& w : words) {
    if (lines.empty() || w.line != current) {
      current = w.line;
      lines.push_back({{}, w.left, w.right, w.line_top, w.line_bottom});
    }
    OcrLine& line = lines.back();
    line.left = std::min(line.left, w.left);
    line.right = std::max(line.right, w.right);
    line.words.push_back(w);
  }
  return lines;
}

// Tesseract reads a hanging item number ("10." in the margin, its text indented) as a block of its
// own, so the numbers of a page would come before all their items. A short line just left of a
// line at the same height is put at the start of that line.
void attach_margin_numbers(std::vector<OcrLine>& lines, int page_width) {
  for (size_t i = 0; i < lines.size(); ++i) {
    OcrLine& marker = lines[i];
    if (marker.words.empty() || marker.words.size() > 2 || marker.right - marker.left > page_width / 12) continue;
    for (size_t j = 0; j < lines.size(); ++j) {
      OcrLine& line = lines[j];
      if (j == i || line.words.empty() || line.left <= marker.right) continue;
      const int gap = line.left - marker.right;
      const int center = (marker.top + marker.bottom) / 2;
      const bool same_height = center > line.top && center < line.bottom;
      if (!same_height || gap > page_width / 12) continue;
      for (auto& w : marker.words) {
        w.line = line.words.front().line;
        w.line_top = line.top;
        w.line_bottom = line.bottom;
        w.line_size = line.words.front().line_size;
      }
      line.words.insert(line.words.begin(), marker.words.begin(), marker.words.end());
      line.left = marker.left;
      marker.words.clear();
      break;
    }
  }
}

// "12.", "(3)", "4)": what an item's number looks like, alone in the margin.
bool is_item_marker(const std::string& s) {
  static const std::regex marker(R"(^\(?\d{1,3}[.)]$)");
  return std::regex_match(s, marker);
}

// A grey level below this is ink.
constexpr unsigned char kDark = 128;

struct Box {
  int left = 0, top = 0, right = 0, bottom = 0;
  bool empty() const { return right <= left || bottom <= top; }
};

// The ink nearest the right of box: the run of columns holding dark pixels that ends closest to
// box.right, with the runs before it that are closer than a character's spacing, cut to the rows
// its ink is on. Specks of a pixel or two are not ink. Empty when the box is white.
Box ink_near_right(const ocr::GrayImage& image, Box box) {
  const int min_pixels = std::max(2, image.dpi / 100);  // dark pixels a column needs to count
  const int max_gap = image.dpi / 12;
  auto dark = [&](int x, int y) { return image.data[static_cast<size_t>(y) * image.bytes_per_row + x] < kDark; };
  auto inked_column = [&](int x) {
    int n = 0;
    for (int y = box.top; y < box.bottom; ++y) n += dark(x, y);
    return n >= min_pixels;
  };
  int right = box.right - 1;
  while (right >= box.left && !inked_column(right)) --right;
  if (right < box.left) return {};
  int left = right, gap = 0;
  for (int x = right - 1; x >= box.left && gap <= max_gap; --x) {
    if (inked_column(x)) {
      left = x;
      gap = 0;
    } else {
      ++gap;
    }
  }
  int top = box.bottom, bottom = box.top;
  for (int y = box.top; y < box.bottom; ++y) {
    for (int x = left; x <= right; ++x) {
      if (dark(x, y)) {
        top = std::min(top, y);
        bottom = std::max(bottom, y + 1);
        break;
      }
    }
  }
  return {left, top, right + 1, bottom};
}

// The pixels of box, black or white, on a white frame of border pixels: Tesseract reads a few
// characters cut out so far more surely than inside the page, where specks and the page's grey
// are around them.
ocr::GrayImage framed_black_and_white(const ocr::GrayImage& image, const Box& box, int border,
                                      std::vector<unsigned char>& pixels) {
  const int width = box.right - box.left + 2 * border, height = box.bottom - box.top + 2 * border;
  pixels.assign(static_cast<size_t>(width) * height, 255);
  for (int y = box.top; y < box.bottom; ++y) {
    for (int x = box.left; x < box.right; ++x) {
      const unsigned char v = image.data[static_cast<size_t>(y) * image.bytes_per_row + x];
      pixels[static_cast<size_t>(y - box.top + border) * width + (x - box.left + border)] = v < kDark ? 0 : 255;
    }
  }
  return {pixels.data(), width, height, width, image.dpi};
}

// The first line of a paragraph set with a hanging number: Tesseract often loses a number alone in
// the margin ("7." read as a speck) or misreads it ("17." as "WB"). Such a number is read again as
// a single word of digits and punctuation, and kept when it looks like an item's number. The margin
// looked in reaches back kMarginNumberReach from the text, but never into another word of the page.
void read_margin_numbers(ocr::OcrEngine& engine, const ocr::GrayImage& image, std::vector<OcrLine>& lines) {
  const int pad = image.dpi / 30;
  const int reach = static_cast<int>(kMarginNumberReach * image.dpi);
  for (size_t i = 0; i < lines.size(); ++i) {
    OcrLine& line = lines[i];
    if (line.words.empty()) continue;
    ocr::RecognizedWord& first = line.words.front();
    const bool misread_marker = line.words.size() >= 2 && first.right < line.words[1].left - image.dpi / 4 &&
                                first.right - first.left < image.dpi / 2 && !is_item_marker(first.text);
    if (!misread_marker && (!first.paragraph_start || is_item_marker(first.text))) continue;
    const int text_left = misread_marker ? line.words[1].left : first.left;
    const int top = std::max(0, line.top - pad);
    const int bottom = std::min(image.height, line.bottom + pad);
    int left = std::max(0, text_left - reach);
    const int right = text_left - pad;
    for (size_t j = 0; j < lines.size(); ++j) {
      if (j == i) continue;
      for (const auto& w : lines[j].words) {
        const bool beside = w.bottom > top && w.top < bottom && w.right < text_left;
        if (beside && has_letter_or_digit(w.text)) left = std::max(left, w.right + pad);
      }
    }
    if (right - left < image.dpi / 10) continue;
    const Box ink = ink_near_right(image, {left, top, right, bottom});
    if (ink.empty() || ink.right - ink.left > image.dpi / 2) continue;
    std::vector<unsigned char> pixels;
    const ocr::GrayImage crop = framed_black_and_white(image, ink, image.dpi / 6, pixels);
    float confidence = 0;
    const std::string text = engine.read_word(crop, 0, 0, crop.width, crop.height, "0123456789.()", confidence);
    if (!is_item_marker(text) || confidence < kMinMarginNumberConfidence) continue;
    if (misread_marker) {
      first.text = text;
      first.confidence = confidence;
      continue;
    }
    ocr::RecognizedWord number = first;
    number.text = text;
    number.left = ink.left;
    number.right = ink.right;
    number.confidence = confidence;
    number.superscript = false;
    line.words.insert(line.words.begin(), number);
  }
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

// Longer than most, on purpose: one page from image to words, each step on the previous one's result.
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

  std::vector<OcrLine> lines = group_lines(recognized.value());
  attach_margin_numbers(lines, image.width());
  read_margin_numbers(*engine_, gray, lines);
  std::vector<ocr::RecognizedWord> ordered;
  for (auto& line : lines) ordered.insert(ordered.end(), line.words.begin(), line.words.end());

  const double points = 72.0 / dpi;
  ocr::OcrPage result;
  double confidence_sum = 0;
  for (const auto& r : ordered) {
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
