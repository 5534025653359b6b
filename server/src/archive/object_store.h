// The originals, content-addressed: objects/<first two hex digits>/<sha256>.<ext>, read-only.
// The same bytes are stored once however many versions or documents hold them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "atip/result.h"

namespace atip::archive {

struct StoredObject {
  std::string hash;  // SHA-256, lower-case hex
  std::string ext;   // pdf, html, txt: the extractors read the format from it
  std::filesystem::path path;
  long long size = 0;
};

class ObjectStore {
 public:
  explicit ObjectStore(std::filesystem::path root);

  static std::string sha256_hex(std::string_view bytes);

  // Stores bytes durably (or finds them stored already).
  Result<StoredObject> put(std::string_view bytes, const std::string& ext);
  std::filesystem::path path_of(const std::string& hash, const std::string& ext) const;
  bool contains(const std::string& hash, const std::string& ext) const;
  void remove(const std::string& hash, const std::string& ext);

 private:
  std::filesystem::path root_;
};

}  // namespace atip::archive
