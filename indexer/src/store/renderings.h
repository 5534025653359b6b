// Near-duplicate renderings of one text (a law's PDF and its mobile layout): a MinHash fingerprint
// over word shingles, bands of it for finding candidates in the index, and the groups they form.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "atip/text.h"

namespace atip {

struct Fingerprint {
  std::vector<std::uint64_t> minima;  // empty: too short a text to compare
};

// Shingles of five words over the passages' tokens in order.
Fingerprint fingerprint_of(const std::vector<std::vector<text::Token>>& passages);

// The estimated share of shingles two texts have in common (Jaccard), 0 when either is empty.
double resemblance(const Fingerprint& a, const Fingerprint& b);

// Two documents whose resemblance reaches this are renderings of one text.
inline constexpr double kSameRenderingResemblance = 0.8;

// Keys of the fingerprint's bands: two texts that share a key are candidates to compare.
std::vector<std::string> band_keys(const Fingerprint& f);

std::string encode_fingerprint(const Fingerprint& f);
Fingerprint decode_fingerprint(std::string_view hex);

// The group key of every document named in edges or in singles: the least id among the documents
// it is joined to, directly or through others.
std::map<std::string, std::string> rendering_groups(const std::vector<std::string>& documents,
                                                    const std::vector<std::pair<std::string, std::string>>& edges);

}  // namespace atip
