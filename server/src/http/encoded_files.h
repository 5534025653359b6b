// Web files as they are sent, per content coding: read and compressed once per version of a file
// (its ETag), not on every request.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/compression.h"

namespace atip::http {

class EncodedFiles {
 public:
  explicit EncodedFiles(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The file's bytes in that coding; nullptr when it cannot be read.
  std::shared_ptr<const std::string> get(const std::string& path, const std::string& version, Coding coding);

 private:
  const size_t max_bytes_;  // past this, the cache starts again empty
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> files_;
  size_t bytes_ = 0;
};

}  // namespace atip::http
