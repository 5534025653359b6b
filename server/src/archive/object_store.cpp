#include "archive/object_store.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "archive/durable_file.h"

namespace atip::archive {
namespace fs = std::filesystem;

ObjectStore::ObjectStore(fs::path root) : root_(std::move(root)) {}

std::string ObjectStore::sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), bytes.size());
  return Poco::DigestEngine::digestToHex(engine.digest());
}

fs::path ObjectStore::path_of(const std::string& hash, const std::string& ext) const {
  return root_ / hash.substr(0, 2) / (hash + "." + ext);
}

bool ObjectStore::contains(const std::string& hash, const std::string& ext) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(hash, ext), ec);
}

Result<StoredObject> ObjectStore::put(std::string_view bytes, const std::string& ext) {
  StoredObject object;
  object.hash = sha256_hex(bytes);
  object.ext = ext;
  object.path = path_of(object.hash, ext);
  object.size = static_cast<long long>(bytes.size());
  std::error_code ec;
  if (fs::is_regular_file(object.path, ec) && static_cast<long long>(fs::file_size(object.path, ec)) == object.size) {
    return object;
  }
  auto written = write_file_durably(object.path, bytes, 0444);
  if (!written) return written.error();
  return object;
}

void ObjectStore::remove(const std::string& hash, const std::string& ext) {
  (void)remove_file_durably(path_of(hash, ext));
}

}  // namespace atip::archive
