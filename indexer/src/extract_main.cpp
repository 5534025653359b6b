// atip-extract: extracts one file in its own process, for atip-index's sandbox. Not for people:
// it writes a binary result to standard output.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "extract/extractor.h"

int main(int argc, char** argv) {
  atip::SandboxLimits limits;
  atip::ExtractionHints hints;
  atip::FileFormat format = atip::FileFormat::kUnknown;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--format" && i + 1 < argc) {
      format = atip::format_from_name(argv[++i]);
    } else if (a == "--cpu" && i + 1 < argc) {
      limits.cpu_seconds = std::stoi(argv[++i]);
    } else if (a == "--ocr-cpu" && i + 1 < argc) {
      limits.ocr_cpu_seconds = std::stoi(argv[++i]);
    } else if (a == "--language" && i + 1 < argc) {
      hints.language = argv[++i];
    } else if (a == "--ocr-cache" && i + 1 < argc) {
      hints.ocr_cache = argv[++i];
    } else if (a == "--memory" && i + 1 < argc) {
      limits.memory_bytes = std::stoull(argv[++i]);
    } else if (a == "--" && i + 1 < argc) {
      file = argv[++i];
    } else {
      std::fprintf(stderr, "atip-extract: used by atip-index only\n");
      return 2;
    }
  }
  if (file.empty()) return 2;
  return atip::run_extraction_child(format, file, limits, hints, STDOUT_FILENO);
}
