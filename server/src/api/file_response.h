// Sending an original file: content type, ETag (its hash), If-None-Match, one byte range, and
// Content-Disposition (inline, or attachment with ?download). One place for every file endpoint.
#pragma once

#include <string>

#include "http/http_types.h"

namespace atip::api {

struct FileToSend {
  std::string path;
  std::string name;  // for Content-Disposition
  std::string content_type;
  std::string hash;  // the ETag
};

// What a Range header asks of a file of total bytes (RFC 9110 14): one satisfiable range, none
// that can be (416), or nothing to honour (another unit, several ranges, bad syntax: the whole file).
struct ByteRange {
  enum class Kind { kIgnore, kOne, kUnsatisfiable };
  Kind kind = Kind::kIgnore;
  long long first = 0;
  long long last = 0;
};
ByteRange parse_byte_range(const std::string& header, long long total);

http::Response file_response(const http::Request& req, const FileToSend& file);

}  // namespace atip::api
