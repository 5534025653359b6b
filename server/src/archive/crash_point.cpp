#include "archive/crash_point.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace atip::archive {

void crash_point(std::string_view name) {
  static const std::string wanted = [] {
    const char* v = std::getenv("ATIP_CRASH_AT");
    return std::string(v ? v : "");
  }();
  if (wanted.empty() || wanted != name) return;
  std::fprintf(stderr, "atip-server: ATIP_CRASH_AT=%s: ending the process here\n", wanted.c_str());
  ::_exit(86);
}

}  // namespace atip::archive
