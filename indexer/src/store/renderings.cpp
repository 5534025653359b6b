#include "store/renderings.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace atip {
namespace {

constexpr size_t kShingleWords = 5;
constexpr size_t kMinima = 64;
constexpr size_t kBandRows = 4;

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

Fingerprint fingerprint_of(const std::vector<std::vector<text::Token>>& passages) {
  std::vector<const std::string*> words;
  for (const auto& p : passages) {
    for (const auto& t : p) words.push_back(&t.folded);
  }
  Fingerprint f;
  if (words.size() < kShingleWords) return f;
  f.minima.assign(kMinima, std::numeric_limits<std::uint64_t>::max());
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < kShingleWords; ++k) h = fnv1a(" ", fnv1a(*words[i + k], h));
    for (size_t m = 0; m < kMinima; ++m) f.minima[m] = std::min(f.minima[m], mix(h ^ mix(m + 1)));
  }
  return f;
}

double resemblance(const Fingerprint& a, const Fingerprint& b) {
  if (a.minima.empty() || a.minima.size() != b.minima.size()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.minima.size(); ++i) same += a.minima[i] == b.minima[i];
  return static_cast<double>(same) / static_cast<double>(a.minima.size());
}

std::vector<std::string> band_keys(const Fingerprint& f) {
  std::vector<std::string> keys;
  char buf[48];
  for (size_t band = 0; band + kBandRows <= f.minima.size(); band += kBandRows) {
    std::uint64_t h = mix(band);
    for (size_t r = 0; r < kBandRows; ++r) h = mix(h ^ f.minima[band + r]);
    std::snprintf(buf, sizeof buf, "%zu-%016llx", band / kBandRows, static_cast<unsigned long long>(h));
    keys.emplace_back(buf);
  }
  return keys;
}

std::string encode_fingerprint(const Fingerprint& f) {
  std::string out;
  out.reserve(f.minima.size() * 16);
  char buf[24];
  for (std::uint64_t m : f.minima) {
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m));
    out += buf;
  }
  return out;
}

Fingerprint decode_fingerprint(std::string_view hex) {
  Fingerprint f;
  if (hex.size() % 16 != 0) return f;
  for (size_t at = 0; at < hex.size(); at += 16) {
    std::uint64_t v = 0;
    for (size_t i = at; i < at + 16; ++i) {
      const char c = hex[i];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return {};
      v = (v << 4) | static_cast<std::uint64_t>(d);
    }
    f.minima.push_back(v);
  }
  return f;
}

std::map<std::string, std::string> rendering_groups(const std::vector<std::string>& documents,
                                                    const std::vector<std::pair<std::string, std::string>>& edges) {
  std::map<std::string, std::string> parent;
  for (const auto& d : documents) parent.emplace(d, d);
  for (const auto& [a, b] : edges) {
    parent.emplace(a, a);
    parent.emplace(b, b);
  }
  auto find = [&parent](std::string x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& [a, b] : edges) {
    std::string ra = find(a), rb = find(b);
    if (ra == rb) continue;
    if (rb < ra) std::swap(ra, rb);
    parent[rb] = ra;  // the least id is the root
  }
  std::map<std::string, std::string> groups;
  for (const auto& [d, unused] : parent) groups[d] = find(d);
  return groups;
}

}  // namespace atip
