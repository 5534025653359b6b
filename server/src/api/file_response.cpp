#include "api/file_response.h"

#include <algorithm>
#include <filesystem>

#include "http/conditional.h"
#include "http/http_error.h"

namespace atip::api {

http::Response file_response(const http::Request& req, const FileToSend& file) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file.path, ec);
  if (ec) return http::error_response(not_found("the file '" + file.name + "' is no longer available"));
  http::Response resp;
  std::string etag = "\"" + file.hash + "\"";
  resp.set_header("ETag", etag);
  resp.set_header("Accept-Ranges", "bytes");
  resp.set_header("Cache-Control", "public, max-age=3600");
  std::string disposition = "inline";
  for (const auto& [name, value] : req.query) {
    if (name == "download") disposition = "attachment";
  }
  resp.set_header("Content-Disposition", disposition + "; filename=\"" + file.name + "\"");
  resp.content_type = file.content_type;
  resp.compressible = false;  // byte ranges address the stored bytes
  if (http::if_none_match_matches(req.header("if-none-match"), etag)) {
    resp.status = 304;
    return resp;
  }
  resp.file_path = file.path;
  resp.file_offset = 0;
  resp.file_length = static_cast<long long>(size);
  std::string range = req.header("range");
  std::string if_range = req.header("if-range");
  if (!range.empty() && (if_range.empty() || if_range == etag)) {
    // bytes=a-b, bytes=a-, bytes=-n (one range)
    long long total = static_cast<long long>(size);
    long long first = -1, last = -1;
    bool valid = range.rfind("bytes=", 0) == 0 && range.find(',') == std::string::npos;
    if (valid) {
      std::string spec = range.substr(6);
      size_t dash = spec.find('-');
      valid = dash != std::string::npos;
      if (valid) {
        std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
        auto parse = [](const std::string& v, long long& out) {
          if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), ::isdigit)) return false;
          out = std::stoll(v);
          return true;
        };
        if (a.empty()) {
          long long n;
          valid = parse(b, n) && n > 0;
          if (valid) {
            first = std::max(0LL, total - n);
            last = total - 1;
          }
        } else {
          valid = parse(a, first);
          if (valid) last = b.empty() ? total - 1 : (parse(b, last) ? std::min(last, total - 1) : -2);
          valid = valid && last >= first;
        }
      }
    }
    if (!valid || first >= total) {
      http::Response bad = http::error_response(invalid_argument("the requested range cannot be satisfied"));
      bad.status = 416;
      bad.set_header("Content-Range", "bytes */" + std::to_string(total));
      return bad;
    }
    resp.status = 206;
    resp.file_offset = first;
    resp.file_length = last - first + 1;
    resp.set_header("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(total));
  }
  return resp;
}

}  // namespace atip::api
