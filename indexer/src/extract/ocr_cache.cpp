#include "extract/ocr_cache.h"

#include <unistd.h>
#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace atip::ocr {
namespace {

namespace fs = std::filesystem;

// Changes when what is stored, how it is read, or how a page is recognized changes: older entries
// are then misses.
constexpr const char* kFormatLine = "atip-ocr-page 4";

}  // namespace

std::string content_hash(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) XXH3_128bits_update(state, buf, static_cast<size_t>(in.gcount()));
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return hex;
}

fs::path OcrCache::entry(const std::string& content, int page, const std::string& languages, int dpi) const {
  // Two-digit fan-out keeps folders small; the languages and resolution are part of the key.
  return folder_ / content.substr(0, 2) /
         (content + "-p" + std::to_string(page) + "-" + languages + "-" + std::to_string(dpi) + ".tsv");
}

std::optional<OcrPage> OcrCache::load(const std::string& content, int page, const std::string& languages,
                                      int dpi) const {
  if (!enabled() || content.size() < 2) return std::nullopt;
  std::ifstream in(entry(content, page, languages, dpi));
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != kFormatLine) return std::nullopt;
  OcrPage result;
  if (!std::getline(in, line)) return std::nullopt;
  try {
    result.mean_confidence = std::stod(line);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    pdf::Word w;
    if (!(fields >> w.x0 >> w.y0 >> w.x1 >> w.y1 >> w.size)) return std::nullopt;
    fields.get();  // the tab before the text
    std::getline(fields, w.text);
    if (w.text.empty()) return std::nullopt;
    result.words.push_back(std::move(w));
  }
  return result;
}

void OcrCache::store(const std::string& content, int page, const std::string& languages, int dpi,
                     const OcrPage& result) const {
  if (!enabled() || content.size() < 2) return;
  const fs::path target = entry(content, page, languages, dpi);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return;
  // Written beside and renamed, so a reader never sees half an entry.
  const fs::path temporary = target.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) return;
    out << kFormatLine << '\n' << result.mean_confidence << '\n';
    for (const auto& w : result.words) {
      out << w.x0 << '\t' << w.y0 << '\t' << w.x1 << '\t' << w.y1 << '\t' << w.size << '\t' << w.text << '\n';
    }
    if (!out.flush()) {
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, target, ec);
  if (ec) fs::remove(temporary, ec);
}

}  // namespace atip::ocr
