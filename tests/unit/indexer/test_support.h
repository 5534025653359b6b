// Paths and a temporary folder for the indexer's unit tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

namespace atip::testing {

inline std::filesystem::path source_dir() { return ATIP_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }
inline std::filesystem::path data_dir() { return source_dir() / "tests" / "data"; }
// ../shared beside the project: the larger sets that are not committed.
inline std::filesystem::path shared_dir() { return source_dir() / ".." / "shared"; }
inline std::filesystem::path corpus_src_dir() { return shared_dir() / "corpus-src"; }

// A fresh, uniquely named folder under the system temp dir, removed when it goes.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    std::random_device rd;
    for (;;) {
      path_ = std::filesystem::temp_directory_path() /
              ("atip-" + tag + "-" + std::to_string(rd()) + std::to_string(rd()));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Whitespace runs become one space; leading and trailing spaces go.
inline std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace atip::testing
