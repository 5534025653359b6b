#include "http/framing.h"

#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

namespace atip::http {
namespace {

bool is_tchar(char c) {
  return c != '\0' && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string framing_problem(const Poco::Net::HTTPServerRequest& request) {
  const std::string& version = request.getVersion();
  if (version != Poco::Net::HTTPMessage::HTTP_1_0 && version != Poco::Net::HTTPMessage::HTTP_1_1) {
    return "the protocol must be HTTP/1.0 or HTTP/1.1";
  }
  std::map<std::string, int> count;
  for (const auto& [name, value] : request) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_tchar)) {
      return "a header name may not hold spaces, separators or control characters";
    }
    if (value.find('\0') != std::string::npos) return "a header value may not hold a NUL byte";
    ++count[Poco::toLower(name)];
  }
  for (const char* once : {"content-length", "transfer-encoding", "authorization", "host"}) {
    if (count[once] > 1) return std::string("the header ") + once + " may be given only once";
  }
  if (version == Poco::Net::HTTPMessage::HTTP_1_1 && count["host"] == 0) return "an HTTP/1.1 request needs a Host header";
  if (count["content-length"]) {
    const std::string& length = request.get("Content-Length");
    if (length.size() > 18 || !all_digits(length)) {
      return "the Content-Length '" + length.substr(0, 30) + "' is not a number of bytes";
    }
  }
  if (count["transfer-encoding"]) {
    if (version == Poco::Net::HTTPMessage::HTTP_1_0) return "an HTTP/1.0 request may not have a Transfer-Encoding";
    if (count["content-length"]) return "a request may not have both Content-Length and Transfer-Encoding";
    if (Poco::icompare(Poco::trim(request.get("Transfer-Encoding")), "chunked") != 0) {
      return "the only transfer coding taken is chunked";
    }
  }
  return {};
}

bool is_known_method(const std::string& method) {
  for (const char* m : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == m) return true;
  }
  return false;
}

}  // namespace atip::http
