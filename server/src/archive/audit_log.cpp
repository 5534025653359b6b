#include "archive/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "atip/json_writer.h"

namespace atip::archive {

AuditLog::AuditLog(std::filesystem::path file) : file_(std::move(file)) {}

Result<bool> AuditLog::append(const AuditEntry& e) {
  JsonWriter w;
  w.begin_object()
      .key("at").value(e.at)
      .key("by").value(e.by)
      .key("action").value(e.action)
      .key("id").value(e.id)
      .key("version").value(e.version)
      .key("hash").value(e.hash)
      .key("change").value(e.change);
  if (e.revision > 0) w.key("revision").value(e.revision);
  if (!e.detail.empty()) w.key("detail").value(e.detail);
  w.end_object();
  std::string line = w.take() + "\n";
  std::lock_guard lock(mutex_);
  // O_APPEND: each line lands whole at the end, whoever else appends.
  int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return Error{ErrorCode::kInternal, "cannot open the audit log " + file_.string() + ": " + std::strerror(errno)};
  ssize_t n = ::write(fd, line.data(), line.size());
  bool ok = n == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Error{ErrorCode::kInternal, "cannot write the audit log " + file_.string()};
  return true;
}

}  // namespace atip::archive
