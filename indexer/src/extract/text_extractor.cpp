#include <algorithm>
#include <fstream>

#include "atip/text.h"
#include "extract/extractor.h"

namespace atip {
namespace {

bool looks_like_heading(const std::string& line) {
  if (line.size() > 120 || line.size() < 3) return false;
  bool has_lower = false, has_upper = false;
  for (unsigned char c : line) {
    if (c >= 'a' && c <= 'z') has_lower = true;
    if (c >= 'A' && c <= 'Z') has_upper = true;
  }
  return has_upper && !has_lower;
}

class TextExtractor final : public Extractor {
 public:
  FileFormat format() const override { return FileFormat::kText; }
  Result<ExtractedDocument> extract(const std::filesystem::path& file) const override {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{ErrorCode::kNotFound, "cannot open file"};
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.find('\0') != std::string::npos) return Error{ErrorCode::kUnsupported, "binary file, not text"};
    ExtractedDocument out;
    int page = 1;
    std::string paragraph;
    auto flush = [&] {
      std::string t = text::sanitize_utf8(paragraph);
      paragraph.clear();
      size_t b = t.find_first_not_of(" \t\n");
      if (b == std::string::npos) return;
      t = t.substr(b, t.find_last_not_of(" \t\n") - b + 1);
      TextBlock block;
      block.kind = looks_like_heading(t) ? TextBlock::Kind::kHeading : TextBlock::Kind::kParagraph;
      block.level = 2;
      block.text = std::move(t);
      block.page = page;
      out.blocks.push_back(std::move(block));
    };
    size_t pos = 0;
    while (pos <= raw.size()) {
      size_t nl = raw.find('\n', pos);
      std::string line = raw.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find('\f') != std::string::npos) {
        flush();
        ++page;
        line.erase(std::remove(line.begin(), line.end(), '\f'), line.end());
      }
      bool blank = line.find_first_not_of(" \t") == std::string::npos;
      if (blank) {
        flush();
      } else {
        if (!paragraph.empty()) {
          if (paragraph.back() == '-' && !line.empty() && std::islower(static_cast<unsigned char>(line[0]))) {
            paragraph.pop_back();
          } else {
            paragraph.push_back(' ');
          }
        }
        paragraph += line;
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    flush();
    out.pages = page;
    if (out.blocks.empty()) return Error{ErrorCode::kInvalidArgument, "empty text file"};
    for (const auto& b : out.blocks) {
      if (b.text.size() < 200) {
        out.title = b.text;
        break;
      }
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> make_text_extractor() { return std::make_unique<TextExtractor>(); }

}  // namespace atip
