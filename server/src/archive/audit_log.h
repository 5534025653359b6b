// The append-only audit log of the archive: one JSON line per write — who (the token's name),
// what, when, and the hash of the version it concerns. Lines are only ever added.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

#include "atip/result.h"

namespace atip::archive {

struct AuditEntry {
  std::string at;      // UTC, RFC 3339
  std::string by;      // the token's name, or "recovery"
  std::string action;  // add, replace, withdraw, restore, recover-finalize, recover-drop, recover-reapply
  std::string id;
  int version = 0;
  std::string hash;
  long long change = 0;
  long long revision = 0;  // the index revision that holds the change; 0 when none
  std::string detail;      // what else a reader of the log needs (a link review: passage, item, verdict)
};

class AuditLog {
 public:
  explicit AuditLog(std::filesystem::path file);
  // Appends one line and flushes it to disk.
  Result<bool> append(const AuditEntry& entry);

 private:
  std::filesystem::path file_;
  std::mutex mutex_;
};

}  // namespace atip::archive
