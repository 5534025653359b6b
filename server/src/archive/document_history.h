// Each archived document's history: one record per change (add, replace, withdraw, restore) in
// documents/<id>/<seq>.json, written "pending" before the index is touched and "final" after it
// committed. What a document is now is the fold of its final changes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "atip/document.h"
#include "atip/result.h"

namespace atip::archive {

enum class ChangeKind { kAdd, kReplace, kWithdraw, kRestore };
const char* change_name(ChangeKind kind);

struct Change {
  long long seq = 0;      // 1, 2, ... per document
  ChangeKind kind = ChangeKind::kAdd;
  bool pending = true;
  std::string at;         // UTC, RFC 3339
  std::string by;         // the token's name
  int version = 0;        // the version it creates (add, replace) or acts on (withdraw, restore)
  std::string hash;       // that version's SHA-256
  // Add and replace: the version's file and metadata.
  std::string ext;
  std::string content_type;
  long long size = 0;
  std::string uploaded_name;
  DocumentMetadata meta;
};

// The fold of a document's final changes.
struct DocumentState {
  std::vector<Change> versions;  // the add and replace changes, version 1 first
  std::vector<Change> changes;   // every final change, in order
  bool withdrawn = false;
  long long last_seq = 0;

  bool empty() const { return versions.empty(); }
  const Change& current() const { return versions.back(); }
};
DocumentState fold(const std::vector<Change>& changes);

class DocumentHistory {
 public:
  explicit DocumentHistory(std::filesystem::path root);

  // Every change of the document (pending ones included), in order; empty when it has none.
  Result<std::vector<Change>> load(const std::string& id) const;
  Result<bool> write(const std::string& id, const Change& change);
  // Removes a change; the document's folder goes when it holds nothing more.
  Result<bool> remove(const std::string& id, long long seq);
  std::vector<std::string> ids() const;

 private:
  std::filesystem::path file_of(const std::string& id, long long seq) const;
  std::filesystem::path root_;
};

}  // namespace atip::archive
