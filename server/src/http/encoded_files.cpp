#include "http/encoded_files.h"

#include <fstream>
#include <iterator>

namespace atip::http {

std::shared_ptr<const std::string> EncodedFiles::get(const std::string& path, const std::string& version, Coding coding) {
  const std::string key = path + '\n' + version + '\n' + std::string(coding_name(coding));
  {
    std::lock_guard lock(mutex_);
    if (auto it = files_.find(key); it != files_.end()) return it->second;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto encoded = std::make_shared<const std::string>(encode(coding, bytes));
  std::lock_guard lock(mutex_);
  if (bytes_ + encoded->size() > max_bytes_) {
    files_.clear();
    bytes_ = 0;
  }
  if (files_.emplace(key, encoded).second) bytes_ += encoded->size();
  return encoded;
}

}  // namespace atip::http
