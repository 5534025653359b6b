// Fuzzes the sidecar reader: any bytes give metadata or an error with a message.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/metadata_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("atip-fuzz-" + std::to_string(::getpid()) + ".meta.xml");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto r = atip::read_sidecar(file);
  if (!r.ok() && r.error().message.empty()) std::abort();
  if (r.ok() && !r.value().id.empty() && !atip::is_valid_document_id(r.value().id)) std::abort();
  return 0;
}
