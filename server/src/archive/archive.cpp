#include "archive/archive.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>
#include <thread>

#include "archive/content_check.h"
#include "archive/crash_point.h"
#include "archive/durable_file.h"
#include "atip/metadata.h"
#include "atip/records.h"

namespace atip::archive {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRecoveryName = "recovery";

// Form fields left out of a replace take the current version's values.
DocumentMetadata merged(const DocumentMetadata& given, const DocumentMetadata& base) {
  DocumentMetadata m = given;
  if (m.title.empty()) m.title = base.title;
  if (m.type.empty()) m.type = base.type;
  if (m.symbols.empty()) m.symbols = base.symbols;
  if (m.date.empty()) m.date = base.date;
  if (m.years.empty()) m.years = base.years;
  if (m.jurisdiction.empty()) m.jurisdiction = base.jurisdiction;
  if (m.language.empty()) m.language = base.language;
  if (m.source.empty()) m.source = base.source;
  if (m.note.empty()) m.note = base.note;
  return m;
}

WriteOutcome outcome_of(const std::string& id, const DocumentState& state, const std::string& at, long long revision,
                        bool changed) {
  const Change& v = state.current();
  WriteOutcome o;
  o.id = id;
  o.version = v.version;
  o.hash = v.hash;
  o.state = state.withdrawn ? "withdrawn" : "current";
  o.at = at;
  o.size = v.size;
  o.content_type = v.content_type;
  o.revision = revision;
  o.changed = changed;
  return o;
}

std::string human_size(size_t bytes) {
  char buf[32];
  if (bytes >= (size_t{1} << 20)) std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  else std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  return buf;
}

}  // namespace

class Archive::WriteLock {
 public:
  explicit WriteLock(std::mutex& m) : guard(m) {}
  ~WriteLock() {
    if (fd >= 0) {
      ::flock(fd, LOCK_UN);
      ::close(fd);
    }
  }
  std::unique_lock<std::mutex> guard;
  int fd = -1;
};

Archive::Archive(ArchiveOptions options)
    : options_(std::move(options)),
      objects_(options_.data_dir / "objects"),
      history_(options_.data_dir / "documents"),
      audit_(options_.data_dir / "audit.log") {}

Archive::~Archive() = default;

Result<std::unique_ptr<Archive>> Archive::open(ArchiveOptions options) {
  std::error_code ec;
  for (const char* sub : {"objects", "documents"}) {
    fs::create_directories(options.data_dir / sub, ec);
    if (ec) {
      return Error{ErrorCode::kUnavailable,
                   "cannot create the data folder " + (options.data_dir / sub).string() + ": " + ec.message()};
    }
  }
  if (::access(options.data_dir.c_str(), W_OK) != 0) {
    return Error{ErrorCode::kUnavailable, "the data folder " + options.data_dir.string() + " is not writable"};
  }
  return std::unique_ptr<Archive>(new Archive(std::move(options)));
}

Result<std::unique_ptr<Archive::WriteLock>> Archive::lock_for_writing() {
  auto lock = std::make_unique<WriteLock>(write_mutex_);
  fs::path file = options_.data_dir / "write.lock";
  lock->fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock->fd < 0) {
    return Error{ErrorCode::kUnavailable, "cannot open " + file.string() + ": " + std::strerror(errno)};
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options_.lock_wait_seconds);
  while (::flock(lock->fd, LOCK_EX | LOCK_NB) != 0) {
    if ((errno != EWOULDBLOCK && errno != EINTR) || std::chrono::steady_clock::now() >= deadline) {
      return Error{ErrorCode::kUnavailable, "another write to the archive is in progress; please retry"};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return lock;
}

Result<std::unique_ptr<IndexSession>> Archive::open_index() {
  IndexSessionOptions o;
  o.lock_wait_seconds = options_.lock_wait_seconds;
  o.sandbox = options_.sandbox;
  return IndexSession::open(options_.db_path, o);
}

const AnalysisResources& Archive::analysis(const IndexSession& session) {
  fs::path folder = options_.reference_dir.empty() ? session.recorded_reference() : options_.reference_dir;
  if (!analysis_ || analysis_->folder() != folder) {
    std::vector<std::string> warnings;
    analysis_ = AnalysisResources::load(folder, warnings);
    for (const auto& w : warnings) std::fprintf(stderr, "atip-server: reference data: %s\n", w.c_str());
  }
  return *analysis_;
}

Result<IndexedFile> Archive::index_version(IndexSession& session, const std::string& id, const Change& v) {
  FileToIndex file;
  file.file = objects_.path_of(v.hash, v.ext);
  file.meta = v.meta;
  file.meta.id = id;
  file.file_name = id + "." + v.ext;
  file.hash = v.hash;
  return session.index_file(file, analysis(session));
}

Result<bool> Archive::index_versions(IndexSession& session, const std::string& id, const std::vector<Change>& versions) {
  if (versions.empty()) return true;
  auto current = index_version(session, id, versions.back());
  if (!current) return current.error();
  auto cleared = session.remove_superseded(id);
  if (!cleared) return cleared.error();
  for (size_t i = 0; i + 1 < versions.size(); ++i) {
    const Change& v = versions[i];
    FileToIndex file;
    file.file = objects_.path_of(v.hash, v.ext);
    file.meta = v.meta;
    file.meta.id = id;
    file.file_name = id + "-v" + std::to_string(v.version) + "." + v.ext;
    file.hash = v.hash;
    auto indexed = session.index_superseded(file, v.version, analysis(session));
    if (!indexed) return indexed.error();
  }
  return true;
}

bool Archive::object_referenced(const std::string& hash, const std::string& ext) const {
  for (const auto& id : history_.ids()) {
    auto changes = history_.load(id);
    if (!changes) return true;  // when in doubt, keep the original
    for (const auto& c : changes.value()) {
      if (c.hash == hash && c.ext == ext) return true;
    }
  }
  return false;
}

void Archive::drop_change(const std::string& id, const Change& change) {
  (void)history_.remove(id, change.seq);
  bool has_object = change.kind == ChangeKind::kAdd || change.kind == ChangeKind::kReplace;
  if (has_object && !object_referenced(change.hash, change.ext)) objects_.remove(change.hash, change.ext);
}

Result<bool> Archive::settle_pending(const std::string& id, IndexSession& session, RecoveryReport* report) {
  auto changes = history_.load(id);
  if (!changes) return changes.error();
  auto marker = session.archive_marker(id);
  if (!marker) return marker.error();
  for (Change c : changes.value()) {
    if (!c.pending) continue;
    const auto& m = marker.value();
    AuditEntry entry{utc_now(), kRecoveryName, "", id, c.version, c.hash, c.seq, 0};
    if (m && m->change == c.seq && m->hash == c.hash) {
      // The index committed it: the change happened.
      c.pending = false;
      auto written = history_.write(id, c);
      if (!written) return written.error();
      entry.action = "recover-finalize";
      if (report) {
        ++report->finalized;
        report->notes.push_back("finished the " + std::string(change_name(c.kind)) + " of '" + id + "' (version " +
                                std::to_string(c.version) + ") that a crash interrupted after the index committed it");
      }
    } else {
      // The index never saw it: as if it had not been asked.
      drop_change(id, c);
      entry.action = "recover-drop";
      if (report) {
        ++report->dropped;
        report->notes.push_back("dropped the " + std::string(change_name(c.kind)) + " of '" + id + "' (version " +
                                std::to_string(c.version) + ") that a crash interrupted before the index committed it");
      }
    }
    (void)audit_.append(entry);
  }
  return true;
}

Result<Archive::OpenWrite> Archive::begin_write(const std::string& id) {
  OpenWrite w;
  auto lock = lock_for_writing();
  if (!lock) return lock.error();
  w.lock = std::move(lock.value());
  auto session = open_index();
  if (!session) return session.error();
  w.session = std::move(session.value());
  auto settled = settle_pending(id, *w.session, nullptr);
  if (!settled) return settled.error();
  auto changes = history_.load(id);
  if (!changes) return changes.error();
  w.changes = std::move(changes.value());
  w.state = fold(w.changes);
  return w;
}

Change Archive::OpenWrite::next(ChangeKind kind, const std::string& by) const {
  Change c;
  c.seq = changes.empty() ? 1 : changes.back().seq + 1;
  c.kind = kind;
  c.at = utc_now();
  c.by = by;
  if (!state.empty()) {
    c.version = state.current().version;
    c.hash = state.current().hash;
  }
  return c;
}

Error Archive::not_in_archive(const std::string& id, IndexSession& session, const std::string& from_corpus) {
  auto in_index = session.has_document(id);
  if (in_index && in_index.value()) {
    return Error{ErrorCode::kFailedPrecondition, "document '" + id + "' comes from the corpus folder" + from_corpus};
  }
  return not_found("no document with id '" + id + "'");
}

Result<WriteOutcome> Archive::commit_change(const std::string& id, Change change, IndexSession& session,
                                            const std::function<Result<bool>(IndexSession&)>& write_index) {
  change.pending = true;
  auto pending = history_.write(id, change);
  if (!pending) {
    drop_change(id, change);
    return pending.error();
  }
  crash_point("after-store");

  auto written = write_index(session);
  if (!written) {
    drop_change(id, change);
    return written.error();
  }
  auto changes = history_.load(id);
  if (!changes) {
    drop_change(id, change);
    return changes.error();
  }
  // The state once this change is final.
  for (auto& c : changes.value()) {
    if (c.seq == change.seq) c.pending = false;
  }
  DocumentState after = fold(changes.value());
  ArchiveMarker marker{change.seq, after.current().version, after.current().hash, after.withdrawn};
  auto marked = session.set_archive_marker(id, marker);
  if (!marked) {
    drop_change(id, change);
    return marked.error();
  }
  auto revision = session.commit();
  if (!revision) {
    drop_change(id, change);
    return revision.error();
  }
  crash_point("after-commit");

  auto logged = audit_.append({change.at, change.by, change_name(change.kind), id, change.version, change.hash, change.seq,
                               revision.value()});
  if (!logged) std::fprintf(stderr, "atip-server: %s\n", logged.error().message.c_str());
  change.pending = false;
  // Should this fail, the change stays pending and the next start finishes it: the index holds it.
  auto finalized = history_.write(id, change);
  if (!finalized) std::fprintf(stderr, "atip-server: %s\n", finalized.error().message.c_str());
  return outcome_of(id, after, change.at, revision.value(), true);
}

Result<WriteOutcome> Archive::add(const Upload& upload, const std::string& by) {
  if (upload.content.size() > options_.max_file_bytes) {
    return Error{ErrorCode::kTooLarge, "the file is " + human_size(upload.content.size()) + "; this server takes files of at most " +
                                           human_size(options_.max_file_bytes)};
  }
  if (!upload.has_file) return invalid_argument("the form has no 'file' part");
  auto kind = check_content(upload.content);
  if (!kind) return kind.error();
  auto valid = check_metadata(upload.meta);
  if (!valid) return valid.error();
  const std::string& id = upload.meta.id;

  auto open = begin_write(id);
  if (!open) return open.error();
  const OpenWrite& w = open.value();
  const DocumentState& state = w.state;
  IndexSession& session = *w.session;
  if (!state.empty()) {
    std::string how = state.withdrawn ? "it is withdrawn: restore it with POST /api/v1/documents/" + id + "/restore"
                                      : "send a new version with PUT /api/v1/documents/" + id;
    return Error{ErrorCode::kAlreadyExists, "document '" + id + "' is in the archive already (version " +
                                                std::to_string(state.current().version) + "); " + how};
  }
  auto in_index = session.has_document(id);
  if (!in_index) return in_index.error();
  if (in_index.value()) {
    return Error{ErrorCode::kAlreadyExists,
                 "document '" + id + "' exists already (from the corpus folder, kept by atip-index); choose another id"};
  }
  auto object = objects_.put(upload.content, kind.value().ext);
  if (!object) return object.error();

  Change c = w.next(ChangeKind::kAdd, by);
  c.version = 1;
  c.hash = object.value().hash;
  c.ext = object.value().ext;
  c.content_type = kind.value().content_type;
  c.size = object.value().size;
  c.uploaded_name = upload.uploaded_name;
  c.meta = upload.meta;
  return commit_change(id, c, session, [&](IndexSession& s) -> Result<bool> {
    auto indexed = index_version(s, id, c);
    if (!indexed) return indexed.error();
    return true;
  });
}

Result<WriteOutcome> Archive::replace(const std::string& id, const Upload& upload, const std::string& by) {
  if (!is_valid_document_id(id)) return not_found("no document with id '" + id.substr(0, 80) + "'");
  if (upload.content.size() > options_.max_file_bytes) {
    return Error{ErrorCode::kTooLarge, "the file is " + human_size(upload.content.size()) + "; this server takes files of at most " +
                                           human_size(options_.max_file_bytes)};
  }
  Result<FileKind> kind = FileKind{};
  if (upload.has_file) kind = check_content(upload.content);
  if (!kind) return kind.error();
  if (!upload.meta.id.empty() && upload.meta.id != id) {
    return invalid_argument("the metadata's id '" + upload.meta.id.substr(0, 80) + "' is not the document's id '" + id + "'");
  }

  auto open = begin_write(id);
  if (!open) return open.error();
  const OpenWrite& w = open.value();
  const DocumentState& state = w.state;
  IndexSession& session = *w.session;
  if (state.empty()) return not_in_archive(id, session, " and is kept by atip-index; replace its file there");
  if (state.withdrawn) {
    return Error{ErrorCode::kFailedPrecondition, "document '" + id + "' is withdrawn; restore it first (POST /api/v1/documents/" +
                                                     id + "/restore)"};
  }
  DocumentMetadata meta = upload.metadata_complete ? upload.meta : merged(upload.meta, state.current().meta);
  meta.id = id;
  auto valid = check_metadata(meta);
  if (!valid) return valid.error();
  const Change& current = state.current();
  Result<StoredObject> object = StoredObject{current.hash, current.ext, objects_.path_of(current.hash, current.ext), current.size};
  if (upload.has_file) object = objects_.put(upload.content, kind.value().ext);
  if (!object) return object.error();
  if (object.value().hash == current.hash && meta == current.meta) {
    return outcome_of(id, state, current.at, 0, /*changed=*/false);  // the same file and metadata: no new version
  }

  Change c = w.next(ChangeKind::kReplace, by);
  c.version = state.current().version + 1;
  c.hash = object.value().hash;
  c.ext = object.value().ext;
  c.content_type = upload.has_file ? kind.value().content_type : current.content_type;
  c.size = object.value().size;
  c.uploaded_name = upload.has_file ? upload.uploaded_name : current.uploaded_name;
  c.meta = meta;
  std::vector<Change> versions = state.versions;
  versions.push_back(c);
  return commit_change(id, c, session, [&](IndexSession& s) { return index_versions(s, id, versions); });
}

Result<WriteOutcome> Archive::withdraw(const std::string& id, const std::string& by) {
  if (!is_valid_document_id(id)) return not_found("no document with id '" + id.substr(0, 80) + "'");
  auto open = begin_write(id);
  if (!open) return open.error();
  const OpenWrite& w = open.value();
  const DocumentState& state = w.state;
  IndexSession& session = *w.session;
  if (state.empty()) {
    return not_in_archive(id, session, " and is kept by atip-index; remove its file there and run atip-index");
  }
  if (state.withdrawn) return outcome_of(id, state, state.changes.back().at, 0, false);
  const Change c = w.next(ChangeKind::kWithdraw, by);
  return commit_change(id, c, session, [&](IndexSession& s) { return s.remove_document(id); });
}

Result<WriteOutcome> Archive::restore(const std::string& id, const std::string& by) {
  if (!is_valid_document_id(id)) return not_found("no document with id '" + id.substr(0, 80) + "'");
  auto open = begin_write(id);
  if (!open) return open.error();
  const OpenWrite& w = open.value();
  const DocumentState& state = w.state;
  IndexSession& session = *w.session;
  if (state.empty()) return not_in_archive(id, session, "; it is not withdrawn");
  if (!state.withdrawn) return outcome_of(id, state, state.changes.back().at, 0, false);
  const Change c = w.next(ChangeKind::kRestore, by);
  const std::vector<Change> versions = state.versions;
  return commit_change(id, c, session, [&](IndexSession& s) { return index_versions(s, id, versions); });
}

namespace {

// The metadata a document of the corpus folder was indexed with, read back from its record.
Result<FileToIndex> file_of_record(const std::string& id, const std::string& record) {
  auto decoded = records::decode_document(record);
  if (!decoded) {
    return Error{ErrorCode::kInternal, "the record of document '" + id + "' cannot be read: " + decoded.error().message};
  }
  const records::Document& d = decoded.value();
  FileToIndex f;
  f.meta.id = id;
  f.meta.title = d.title;
  f.meta.type = d.type;
  f.meta.date = d.date;
  f.meta.jurisdiction = d.jurisdiction;
  f.meta.language = d.language;
  f.meta.source = d.source;
  f.meta.note = d.note;
  f.meta.symbols = d.symbols;
  f.meta.years = d.years;
  f.file = d.file.path;
  f.file_name = d.file.name;
  f.hash = d.file.hash;
  if (f.file.empty() || !fs::exists(f.file)) {
    return Error{ErrorCode::kFailedPrecondition, "the file of document '" + id + "' is no longer at " + f.file.string() +
                                                     "; run atip-index on its folder first"};
  }
  return f;
}

}  // namespace

Result<long long> Archive::review_link(const std::string& id, int passage, const std::string& item, const std::string& status,
                                       const std::string& by) {
  if (!is_valid_document_id(id)) return not_found("no document with id '" + id.substr(0, 80) + "'");
  auto open = begin_write(id);
  if (!open) return open.error();
  IndexSession& index = *open.value().session;
  const DocumentState& state = open.value().state;
  auto record = index.document_record(id);
  if (!record) return record.error();
  if (!state.empty() && state.withdrawn) {
    return Error{ErrorCode::kFailedPrecondition, "document '" + id + "' is withdrawn; restore it first"};
  }
  auto reviewed = index.set_link_review(id, passage, item, status == kLinkAuto ? std::string() : status);
  if (!reviewed) return reviewed.error();
  Result<bool> written = true;
  if (!state.empty()) {
    written = index_versions(index, id, state.versions);
  } else {
    auto file = file_of_record(id, record.value());
    if (!file) return file.error();
    auto indexed = index.index_file(file.value(), analysis(index));
    if (!indexed) written = indexed.error();
  }
  if (!written) return written.error();
  auto revision = index.commit();
  if (!revision) return revision.error();
  AuditEntry entry{utc_now(), by, "review", id, state.empty() ? 0 : state.current().version,
                   state.empty() ? "" : state.current().hash, 0, revision.value(),
                   "passage " + std::to_string(passage) + " " + item + " " + status};
  auto logged = audit_.append(entry);
  if (!logged) std::fprintf(stderr, "atip-server: %s\n", logged.error().message.c_str());
  return revision.value();
}

// Longer than most, on purpose: the recovery's steps in the order they must run under one lock.
Result<RecoveryReport> Archive::recover() {
  RecoveryReport report;
  auto lock = lock_for_writing();
  if (!lock) return lock.error();
  const std::vector<std::string> ids = history_.ids();
  std::unique_ptr<IndexSession> session;
  if (!ids.empty()) {  // an empty archive has nothing to agree on: leave the index to other writers
    auto opened = open_index();
    if (!opened) return opened.error();
    session = std::move(opened.value());
  }
  bool index_changed = false;
  std::set<std::string> referenced;
  for (const auto& id : ids) {
    IndexSession& index = *session;
    auto settled = settle_pending(id, index, &report);
    if (!settled) return settled.error();
    auto changes = history_.load(id);
    if (!changes) return changes.error();
    for (const auto& c : changes.value()) referenced.insert(c.hash + "." + c.ext);
    DocumentState state = fold(changes.value());
    if (state.empty()) continue;
    auto marker = index.archive_marker(id);
    if (!marker) return marker.error();
    if (marker.value() && marker.value()->change == state.last_seq) continue;
    // The index is behind (or ahead of) the store, say restored from a backup: write the store's state.
    Result<bool> written = true;
    if (state.withdrawn) {
      written = index.remove_document(id);
    } else {
      written = index_versions(index, id, state.versions);
    }
    if (!written) {
      report.notes.push_back("could not bring '" + id + "' up to date in the index: " + written.error().message);
      continue;
    }
    auto marked = index.set_archive_marker(
        id, ArchiveMarker{state.last_seq, state.current().version, state.current().hash, state.withdrawn});
    if (!marked) return marked.error();
    index_changed = true;
    ++report.reapplied;
    report.notes.push_back("wrote the archive's state of '" + id + "' (version " + std::to_string(state.current().version) +
                           (state.withdrawn ? ", withdrawn" : "") + ") into the index, which did not hold it");
    (void)audit_.append({utc_now(), kRecoveryName, "recover-reapply", id, state.current().version, state.current().hash,
                         state.last_seq, 0});
  }
  if (index_changed) {
    auto committed = session->commit();
    if (!committed) return committed.error();
  }
  // Originals no change refers to (a crash between storing one and recording it) and temporaries.
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(options_.data_dir / "objects", ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec)) continue;
    std::string name = it->path().filename().string();
    if (name.starts_with(".") || !referenced.count(name)) (void)remove_file_durably(it->path());
  }
  for (auto it = fs::recursive_directory_iterator(options_.data_dir / "documents", ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && it->path().filename().string().starts_with(".")) (void)remove_file_durably(it->path());
  }
  return report;
}

Result<DocumentVersions> Archive::versions(const std::string& id) const {
  auto changes = history_.load(id);
  if (!changes) return changes.error();
  DocumentState state = fold(changes.value());
  if (state.empty()) return not_found("the archive holds no versions of '" + id.substr(0, 80) + "'");
  DocumentVersions out;
  out.id = id;
  out.state = state.withdrawn ? "withdrawn" : "current";
  out.current = state.current().version;
  for (const auto& v : state.versions) {
    VersionInfo info;
    info.version = v.version;
    info.at = v.at;
    info.hash = v.hash;
    info.size = v.size;
    info.content_type = v.content_type;
    info.file_name = id + "-v" + std::to_string(v.version) + "." + v.ext;
    info.title = v.meta.title;
    info.date = v.meta.date;
    info.state = v.version != out.current ? "superseded" : state.withdrawn ? "withdrawn" : "current";
    out.versions.push_back(std::move(info));
  }
  for (const auto& c : state.changes) out.history.push_back({change_name(c.kind), c.version, c.at});
  return out;
}

Result<VersionFile> Archive::version_file(const std::string& id, int version) const {
  auto changes = history_.load(id);
  if (!changes) return changes.error();
  DocumentState state = fold(changes.value());
  if (state.empty()) return not_found("the archive holds no versions of '" + id.substr(0, 80) + "'");
  for (const auto& v : state.versions) {
    if (v.version != version) continue;
    return VersionFile{objects_.path_of(v.hash, v.ext).string(), id + "-v" + std::to_string(v.version) + "." + v.ext,
                       v.content_type, v.hash};
  }
  return not_found("document '" + id + "' has no version " + std::to_string(version) + " (it has 1 to " +
                   std::to_string(state.current().version) + ")");
}

bool Archive::is_withdrawn(const std::string& id) const {
  auto changes = history_.load(id);
  if (!changes) return false;
  DocumentState state = fold(changes.value());
  return !state.empty() && state.withdrawn;
}

}  // namespace atip::archive
