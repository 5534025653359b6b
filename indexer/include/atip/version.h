// What was built: the project's version and the commit (git describe), for --version and metrics.
#pragma once

namespace atip {
extern const char* const kVersion;
extern const char* const kCommit;
}  // namespace atip
