// Fuzzes PDF extraction as the indexer runs it: in a sandboxed child, so that whatever Poppler
// does with the bytes, the caller gets a document or an error.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = atip::make_pdf_extractor();
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("atip-fuzz-" + std::to_string(::getpid()) + ".pdf");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  atip::SandboxLimits limits;
  limits.cpu_seconds = 5;
  limits.wall_seconds = 10;
  limits.memory_bytes = size_t{1} << 30;
  auto r = atip::extract_sandboxed(*extractor, file, limits);
  if (r.ok()) {
    for (const auto& b : r.value().blocks) {
      if (b.text.empty()) __builtin_trap();  // the layout never emits empty blocks
    }
  }
  return 0;
}
