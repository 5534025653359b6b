// Paths and small helpers for the indexer's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "atip/text.h"

namespace atip::testing {

inline std::filesystem::path source_dir() { return ATIP_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }
inline std::filesystem::path data_dir() { return source_dir() / "tests" / "data"; }
// ../shared beside the project: the larger sets that are not committed.
inline std::filesystem::path shared_dir() { return source_dir() / ".." / "shared"; }
inline std::filesystem::path corpus_src_dir() { return shared_dir() / "corpus-src"; }

using text::squeeze;

}  // namespace atip::testing
