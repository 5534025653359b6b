#include "http/compression.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace atip::http {
namespace {

// Brotli's quality 5 and zlib's level 6 compress a 100 KB JSON answer in about a millisecond.
constexpr int kBrotliQuality = 5;
constexpr int kGzipLevel = 6;
constexpr int kGzipWindowBits = 15 + 16;  // +16: a gzip header and trailer instead of zlib's

std::string lower_trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  if (b == std::string_view::npos) return {};
  std::string out(s.substr(b, e - b + 1));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "q=0.5" -> 0.5; a malformed weight counts as 0 (not acceptable), as RFC 9110 12.4.2 allows.
double weight_of(std::string_view params) {
  size_t start = 0;
  while (start < params.size()) {
    size_t semi = params.find(';', start);
    if (semi == std::string_view::npos) semi = params.size();
    std::string p = lower_trimmed(params.substr(start, semi - start));
    if (p.rfind("q=", 0) == 0) {
      const char* begin = p.c_str() + 2;
      char* end = nullptr;
      double q = std::strtod(begin, &end);
      if (end == begin || *end != '\0' || q < 0 || q > 1) return 0;
      return q;
    }
    start = semi + 1;
  }
  return 1;
}

std::string gzip(std::string_view body) {
  z_stream z{};
  if (deflateInit2(&z, kGzipLevel, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

std::string brotli(std::string_view body) {
  size_t size = BrotliEncoderMaxCompressedSize(body.size());
  if (size == 0) throw std::runtime_error("brotli: body too large");
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(kBrotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                             reinterpret_cast<const uint8_t*>(body.data()), &size, reinterpret_cast<uint8_t*>(out.data()))) {
    throw std::runtime_error("brotli: compression failed");
  }
  out.resize(size);
  return out;
}

}  // namespace

Coding negotiate_coding(std::string_view accept_encoding) {
  double gzip_q = 0, br_q = 0, any_q = -1;
  bool gzip_named = false, br_named = false;
  size_t start = 0;
  while (start < accept_encoding.size()) {
    size_t comma = accept_encoding.find(',', start);
    if (comma == std::string_view::npos) comma = accept_encoding.size();
    std::string_view item = accept_encoding.substr(start, comma - start);
    size_t semi = item.find(';');
    std::string name = lower_trimmed(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : weight_of(item.substr(semi + 1));
    if (name == "gzip" || name == "x-gzip") {
      gzip_q = q;
      gzip_named = true;
    } else if (name == "br") {
      br_q = q;
      br_named = true;
    } else if (name == "*") {
      any_q = q;
    }
    start = comma + 1;
  }
  if (!gzip_named && any_q >= 0) gzip_q = any_q;
  if (!br_named && any_q >= 0) br_q = any_q;
  if (br_q > 0 && br_q >= gzip_q) return Coding::kBrotli;
  if (gzip_q > 0) return Coding::kGzip;
  return Coding::kIdentity;
}

bool is_compressible(std::string_view content_type) {
  std::string t = lower_trimmed(content_type.substr(0, content_type.find(';')));
  return t.rfind("text/", 0) == 0 || t == "application/json" || t == "application/problem+json" ||
         t == "application/atom+xml" || t == "application/xml" || t == "application/javascript" ||
         t == "application/manifest+json" || t == "image/svg+xml" ||
         (t.size() > 5 && t.compare(t.size() - 5, 5, "+json") == 0) ||
         (t.size() > 4 && t.compare(t.size() - 4, 4, "+xml") == 0);
}

std::string_view coding_name(Coding coding) {
  switch (coding) {
    case Coding::kGzip: return "gzip";
    case Coding::kBrotli: return "br";
    case Coding::kIdentity: break;
  }
  return {};
}

std::string encode(Coding coding, std::string_view body) {
  switch (coding) {
    case Coding::kGzip: return gzip(body);
    case Coding::kBrotli: return brotli(body);
    case Coding::kIdentity: break;
  }
  return std::string(body);
}

}  // namespace atip::http
