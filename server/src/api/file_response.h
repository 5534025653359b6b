// Sending an original file: content type, ETag (its hash), If-None-Match, one byte Range, and
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

http::Response file_response(const http::Request& req, const FileToSend& file);

}  // namespace atip::api
