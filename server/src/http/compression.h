// Content coding of responses (RFC 9110 8.4, 12.5.3): which coding a client accepts, which
// answers are worth compressing, and the compression itself (gzip by zlib, br by Brotli).
#pragma once

#include <string>
#include <string_view>

namespace atip::http {

enum class Coding { kIdentity, kGzip, kBrotli };

// The coding to answer with, from an Accept-Encoding value: the acceptable one with the highest
// q, Brotli before gzip when equal; identity when the header is absent or accepts neither.
Coding negotiate_coding(std::string_view accept_encoding);

// Text formats: JSON, JavaScript, CSS, HTML, Atom and other XML, CSV, Markdown, plain text, SVG.
bool is_compressible(std::string_view content_type);

// Smaller bodies gain nothing from compression.
constexpr size_t kMinCompressedBytes = 512;

// The Content-Encoding token of a coding ("gzip", "br"); empty for identity.
std::string_view coding_name(Coding coding);

// The body in that coding; identity returns it unchanged.
std::string encode(Coding coding, std::string_view body);

}  // namespace atip::http
