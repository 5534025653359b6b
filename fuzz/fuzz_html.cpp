// Fuzzes the HTML extractor (gumbo + the walker that finds events, headings and paragraphs).
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto extractor = atip::make_html_extractor();
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("atip-fuzz-" + std::to_string(::getpid()) + ".html");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  (void)extractor->extract(file);
  return 0;
}
