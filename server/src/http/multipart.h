// multipart/form-data bodies (RFC 7578) as plain parts: what an upload handler reads.
#pragma once

#include <string>
#include <vector>

#include "atip/result.h"

namespace atip::http {

struct FormPart {
  std::string name;          // the form field's name
  std::string file_name;     // filename="..." of a file part; empty for a plain field
  std::string content_type;  // as the client declared it (not trusted)
  std::string data;
};

struct MultipartLimits {
  size_t max_parts = 64;
  size_t max_field_bytes = size_t{1} << 20;  // a part that is not a file
};

// Fails with kUnsupported when content_type is not multipart/form-data with a boundary, and with
// kInvalidArgument for a malformed body.
Result<std::vector<FormPart>> parse_multipart(const std::string& content_type, const std::string& body,
                                              const MultipartLimits& limits = {});

}  // namespace atip::http
