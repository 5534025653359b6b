// A test hook for crash safety: when the environment variable ATIP_CRASH_AT names a point of the
// archive's write path, the process ends there at once (_exit), as a power cut would leave it.
// Points: "after-store" (original stored, change pending, index not committed) and "after-commit"
// (index committed, change still pending). Read by the write path only.
#pragma once

#include <string_view>

namespace atip::archive {

void crash_point(std::string_view name);

}  // namespace atip::archive
