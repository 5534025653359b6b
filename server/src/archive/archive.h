// The archive: documents added, replaced, withdrawn and restored over the API, every version kept.
//
// Under the data folder:
//   objects/<hh>/<sha256>.<ext>   the originals, content-addressed and read-only
//   documents/<id>/<seq>.json     each document's changes (document_history.h)
//   audit.log                     one JSON line per write (audit_log.h)
//   write.lock                    held by the one write in progress (of any process)
//
// Every write is atomic: the original is stored and the change written "pending"; the index is
// written and committed through the indexer's own path (atip/document_indexer.h), with a marker
// naming the change; then the audit line and the change made "final". recover() (at start, and for
// a document before each write to it) finishes a pending change the index holds and drops one it
// does not hold, so the store and the index agree whatever moment a crash came at.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "archive/audit_log.h"
#include "archive/document_history.h"
#include "archive/object_store.h"
#include "atip/document.h"
#include "atip/document_indexer.h"
#include "atip/result.h"

namespace atip::archive {

struct ArchiveOptions {
  std::filesystem::path data_dir;
  std::filesystem::path db_path;
  std::filesystem::path reference_dir;  // empty: the folder atip-index recorded in the index
  size_t max_file_bytes = size_t{32} << 20;
  bool sandbox = true;
  int lock_wait_seconds = 10;
};

struct Upload {
  bool has_file = true;        // a replace without a file keeps the current version's file
  std::string content;         // the file's bytes
  std::string uploaded_name;   // the file name the client sent (kept for the record)
  DocumentMetadata meta;
  // A sidecar is the whole metadata; form fields may leave fields out, which a replace then takes
  // from the current version.
  bool metadata_complete = false;
};

struct WriteOutcome {
  std::string id;
  int version = 0;
  std::string hash;
  std::string state;  // current or withdrawn
  std::string at;
  long long size = 0;
  std::string content_type;
  long long revision = 0;  // the index revision that holds it; 0 when nothing changed
  bool changed = true;
};

struct VersionInfo {
  int version = 0;
  std::string at;
  std::string hash;
  long long size = 0;
  std::string content_type;
  std::string file_name;  // <id>-v<n>.<ext>
  std::string title;
  std::string date;       // the document's own date in this version
  std::string state;      // current, superseded or withdrawn
};

struct HistoryEvent {
  std::string action;
  int version = 0;
  std::string at;
};

struct DocumentVersions {
  std::string id;
  std::string state;  // current or withdrawn
  int current = 0;
  std::vector<VersionInfo> versions;
  std::vector<HistoryEvent> history;
};

struct VersionFile {
  std::string path;
  std::string name;
  std::string content_type;
  std::string hash;
};

struct RecoveryReport {
  int finalized = 0;  // pending changes the index held
  int dropped = 0;    // pending changes it did not hold
  int reapplied = 0;  // documents whose index state was behind or ahead of the store
  std::vector<std::string> notes;
};

class Archive {
 public:
  // Creates the data folder's layout when missing.
  static Result<std::unique_ptr<Archive>> open(ArchiveOptions options);
  ~Archive();

  Result<RecoveryReport> recover();

  Result<WriteOutcome> add(const Upload& upload, const std::string& by);
  Result<WriteOutcome> replace(const std::string& id, const Upload& upload, const std::string& by);
  Result<WriteOutcome> withdraw(const std::string& id, const std::string& by);
  Result<WriteOutcome> restore(const std::string& id, const std::string& by);
  // A person's verdict on the link of passage n to item: "confirmed", "rejected", or "auto" (back
  // to the linker's). Any document, archived or from the corpus folder; the document is indexed
  // again with it. Returns the index revision that holds it.
  Result<long long> review_link(const std::string& id, int passage, const std::string& item, const std::string& status,
                                const std::string& by);

  Result<DocumentVersions> versions(const std::string& id) const;
  Result<VersionFile> version_file(const std::string& id, int version) const;
  // Whether the archive holds the document withdrawn.
  bool is_withdrawn(const std::string& id) const;

 private:
  class WriteLock;
  explicit Archive(ArchiveOptions options);
  Result<std::unique_ptr<WriteLock>> lock_for_writing();
  Result<std::unique_ptr<IndexSession>> open_index();
  const AnalysisResources& analysis(const IndexSession& session);
  Result<bool> settle_pending(const std::string& id, IndexSession& session, RecoveryReport* report);
  // What every write to one document starts from, under the write lock: the index session with the
  // document's interrupted write settled, and the document's history.
  struct OpenWrite {
    std::unique_ptr<WriteLock> lock;
    std::unique_ptr<IndexSession> session;
    std::vector<Change> changes;
    DocumentState state;
    // The history's next change: its number, kind, time and author, on the current version.
    Change next(ChangeKind kind, const std::string& by) const;
  };
  Result<OpenWrite> begin_write(const std::string& id);
  // The answer about a document the archive does not hold: not found, or, when the corpus folder
  // holds it, a failed precondition that says so (from_corpus: what to do instead).
  static Error not_in_archive(const std::string& id, IndexSession& session, const std::string& from_corpus);
  Result<IndexedFile> index_version(IndexSession& session, const std::string& id, const Change& version);
  // Indexes the current version and, as superseded passages, every earlier one.
  Result<bool> index_versions(IndexSession& session, const std::string& id, const std::vector<Change>& versions);
  Result<WriteOutcome> commit_change(const std::string& id, Change change, IndexSession& session,
                                     const std::function<Result<bool>(IndexSession&)>& write_index);
  void drop_change(const std::string& id, const Change& change);
  bool object_referenced(const std::string& hash, const std::string& ext) const;

  ArchiveOptions options_;
  ObjectStore objects_;
  DocumentHistory history_;
  AuditLog audit_;
  std::mutex write_mutex_;
  std::shared_ptr<const AnalysisResources> analysis_;
};

}  // namespace atip::archive
