#include "archive/content_check.h"

#include <algorithm>
#include <cctype>

#include "atip/text.h"

namespace atip::archive {
namespace {

std::string lower_head(std::string_view bytes, size_t n) {
  std::string head(bytes.substr(0, n));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head;
}

std::string what_it_seems(std::string_view b) {
  auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("PK\x03\x04")) return " (it looks like a ZIP archive or an Office document)";
  if (starts("\xD0\xCF\x11\xE0")) return " (it looks like an old Office document)";
  if (starts("\x89PNG") || starts("\xFF\xD8\xFF") || starts("GIF8")) return " (it looks like an image)";
  if (starts("{\\rtf")) return " (it looks like an RTF document)";
  if (b.find('\0') != std::string_view::npos) return " (it holds binary data)";
  return " (it is not valid UTF-8)";
}

}  // namespace

Result<FileKind> check_content(std::string_view bytes) {
  if (bytes.empty()) return invalid_argument("the file is empty");
  if (bytes.substr(0, 5) == "%PDF-") return FileKind{"pdf", "application/pdf"};
  bool text = text::is_valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos;
  if (text) {
    // Control characters other than tab, line breaks and form feed mark binary data.
    size_t controls = std::count_if(bytes.begin(), bytes.end(), [](char c) {
      unsigned char u = static_cast<unsigned char>(c);
      return u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f';
    });
    text = controls * 100 <= bytes.size();
  }
  if (!text) {
    return Error{ErrorCode::kUnsupported,
                 "the file is not a PDF (which starts with %PDF-), an HTML page or UTF-8 text" + what_it_seems(bytes)};
  }
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  size_t first = body.find_first_not_of(" \t\r\n\f");
  if (first != std::string_view::npos && body[first] == '<') {
    std::string head = lower_head(body.substr(first), 4096);
    if (head.starts_with("<!doctype html") || head.starts_with("<html") || head.find("<html") != std::string::npos ||
        head.find("<body") != std::string::npos) {
      return FileKind{"html", "text/html; charset=utf-8"};
    }
  }
  return FileKind{"txt", "text/plain; charset=utf-8"};
}

}  // namespace atip::archive
