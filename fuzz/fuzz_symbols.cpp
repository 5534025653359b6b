// Fuzzes symbol finding and normalization: keys are stable under normalization; references to a
// meeting's conclusions are found where they are written.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "atip/symbols.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& s : atip::find_symbols(text)) {
    if (s.key.empty()) std::abort();
    if (atip::normalize_symbol(s.written) != s.key) std::abort();
  }
  for (const auto& c : atip::find_conclusion_references(text)) {
    if (c.key.empty() || text.compare(c.begin, c.written.size(), c.written) != 0) std::abort();
  }
  std::string key = atip::normalize_symbol(text);
  if (!key.empty() && atip::normalize_symbol(key) != key) std::abort();
  return 0;
}
