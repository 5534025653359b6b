#include "archive/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

namespace atip::archive {
namespace fs = std::filesystem;
namespace {

Error io_error(const std::string& what, const fs::path& path) {
  return Error{ErrorCode::kInternal, what + " " + path.string() + ": " + std::strerror(errno)};
}

std::string temp_name(const fs::path& path) {
  static std::atomic<unsigned> counter{0};
  return "." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

}  // namespace

void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

Result<bool> write_file_durably(const fs::path& path, std::string_view bytes, unsigned mode) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Error{ErrorCode::kInternal, "cannot create " + path.parent_path().string() + ": " + ec.message()};
  fs::path temp = path.parent_path() / temp_name(path);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create", temp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto e = io_error("cannot write", temp);
      ::close(fd);
      ::unlink(temp.c_str());
      return e;
    }
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    auto e = io_error("cannot flush", temp);
    ::close(fd);
    ::unlink(temp.c_str());
    return e;
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    auto e = io_error("cannot rename into", path);
    ::unlink(temp.c_str());
    return e;
  }
  sync_folder(path.parent_path());
  return true;
}

Result<bool> remove_file_durably(const fs::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error("cannot remove", path);
  sync_folder(path.parent_path());
  return true;
}

Result<std::string> read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kNotFound, "cannot open " + path.string()};
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{ErrorCode::kInternal, "cannot read " + path.string()};
  return data;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace atip::archive
