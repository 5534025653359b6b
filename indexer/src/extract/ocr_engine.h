// Optical character recognition of one rendered page with Tesseract (LSTM engine). Tesseract's
// types stay in ocr_engine.cpp; callers see plain words with positions and confidences.
// Tesseract is five times slower unless OMP_THREAD_LIMIT=1 is in the environment when the process
// starts: the sandbox starts atip-extract so.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "atip/result.h"

namespace atip::ocr {

// An 8-bit grayscale page image; data is not owned.
struct GrayImage {
  const unsigned char* data = nullptr;
  int width = 0, height = 0;
  int bytes_per_row = 0;
  int dpi = 0;
};

// A recognized word, in pixels of the image (y grows downwards).
struct RecognizedWord {
  std::string text;
  int left = 0, top = 0, right = 0, bottom = 0;
  int line = 0;                       // the text line the word is on: its ordinal on the page ...
  int line_top = 0, line_bottom = 0;  // ... and its top and bottom
  float line_size = 0;                // the line's text height (Tesseract's row height), pixels
  float confidence = 0;               // 0-100
  bool superscript = false;
  bool paragraph_start = false;       // the first word of a paragraph
};

// Tesseract's names of the archive's languages: "en" -> "eng"; empty or unknown -> all four
// ("eng+spa+por+fra"), a first pass when a document's language is not known.
std::string tesseract_languages(std::string_view iso_language);
inline constexpr std::string_view kAllLanguages = "eng+spa+por+fra";

class OcrEngine {
 public:
  // Loads the trained models of languages ("spa", "eng+spa+por+fra").
  static Result<std::unique_ptr<OcrEngine>> open(const std::string& languages);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  const std::string& languages() const { return languages_; }
  // Words in reading order (Tesseract's blocks, paragraphs, lines).
  Result<std::vector<RecognizedWord>> read(const GrayImage& image);
  // Reads one word in a rectangle of the image last read, with only the characters of allowed; empty
  // when nothing is there. For what page layout analysis takes for a speck (an item number alone in
  // the margin).
  std::string read_word(const GrayImage& image, int left, int top, int right, int bottom, const char* allowed,
                        float& confidence);

 private:
  struct Tesseract;
  OcrEngine(std::string languages, std::unique_ptr<Tesseract> api);
  std::string languages_;
  std::unique_ptr<Tesseract> api_;
};

}  // namespace atip::ocr
