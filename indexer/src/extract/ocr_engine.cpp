#include "extract/ocr_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace atip::ocr {

struct OcrEngine::Tesseract {
  tesseract::TessBaseAPI api;
};

std::string tesseract_languages(std::string_view iso_language) {
  if (iso_language == "en") return "eng";
  if (iso_language == "es") return "spa";
  if (iso_language == "pt") return "por";
  if (iso_language == "fr") return "fra";
  return std::string(kAllLanguages);
}

OcrEngine::OcrEngine(std::string languages, std::unique_ptr<Tesseract> api)
    : languages_(std::move(languages)), api_(std::move(api)) {}

OcrEngine::~OcrEngine() {
  if (api_) api_->api.End();
}

Result<std::unique_ptr<OcrEngine>> OcrEngine::open(const std::string& languages) {
  auto tesseract = std::make_unique<Tesseract>();
  if (tesseract->api.Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Error{ErrorCode::kUnavailable,
                 "OCR is not available: Tesseract cannot load the language data '" + languages +
                     "' (install tesseract-ocr-eng, -spa, -por and -fra)"};
  }
  tesseract->api.SetPageSegMode(tesseract::PSM_AUTO);
  tesseract->api.SetVariable("debug_file", "/dev/null");
  return std::unique_ptr<OcrEngine>(new OcrEngine(languages, std::move(tesseract)));
}

Result<std::vector<RecognizedWord>> OcrEngine::read(const GrayImage& image) {
  tesseract::TessBaseAPI& api = api_->api;
  api.SetImage(image.data, image.width, image.height, 1, image.bytes_per_row);
  api.SetSourceResolution(image.dpi);
  if (api.Recognize(nullptr) != 0) return Error{ErrorCode::kInternal, "Tesseract could not read the page"};
  std::vector<RecognizedWord> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return words;
  int line = -1, line_top = 0, line_bottom = 0;
  float line_size = 0;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      int left, right;
      if (!it->BoundingBox(tesseract::RIL_TEXTLINE, &left, &line_top, &right, &line_bottom)) continue;
      float row_height = 0, descenders = 0, ascenders = 0;
      it->RowAttributes(&row_height, &descenders, &ascenders);
      line_size = row_height > 0 ? row_height : static_cast<float>(line_bottom - line_top);
      ++line;
    }
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || text[0] == 0) continue;
    RecognizedWord w;
    w.text = text.get();
    if (!it->BoundingBox(tesseract::RIL_WORD, &w.left, &w.top, &w.right, &w.bottom)) continue;
    w.line = line;
    w.line_top = line_top;
    w.line_bottom = line_bottom;
    w.line_size = line_size;
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    w.superscript = it->SymbolIsSuperscript();
    w.paragraph_start = it->IsAtBeginningOf(tesseract::RIL_PARA);
    words.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

std::string OcrEngine::read_word(const GrayImage& image, int left, int top, int right, int bottom, const char* allowed,
                                 float& confidence) {
  tesseract::TessBaseAPI& api = api_->api;
  api.SetImage(image.data, image.width, image.height, 1, image.bytes_per_row);
  api.SetSourceResolution(image.dpi);
  api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api.SetVariable("tessedit_char_whitelist", allowed);
  api.SetRectangle(left, top, right - left, bottom - top);
  std::string out;
  confidence = 0;
  if (api.Recognize(nullptr) == 0) {
    std::unique_ptr<char[]> text(api.GetUTF8Text());
    if (text) out = text.get();
    confidence = static_cast<float>(api.MeanTextConf());
  }
  api.SetVariable("tessedit_char_whitelist", "");
  api.SetPageSegMode(tesseract::PSM_AUTO);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace atip::ocr
