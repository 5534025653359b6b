// What an uploaded file is, by its content (never by its name or declared type): a PDF, an HTML
// page or UTF-8 text; anything else is refused with what it seems to be.
#pragma once

#include <string>
#include <string_view>

#include "atip/result.h"

namespace atip::archive {

struct FileKind {
  std::string ext;           // pdf, html, txt
  std::string content_type;  // as the file is served
};

// kInvalidArgument for an empty file, kUnsupported for any other kind of file.
Result<FileKind> check_content(std::string_view bytes);

}  // namespace atip::archive
