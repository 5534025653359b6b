#include "atip/document_indexer.h"

#include <xapian.h>

#include <charconv>
#include <sstream>

#include "document_preparer.h"
#include "link/workplan.h"
#include "store/index_writer.h"

namespace atip {
namespace fs = std::filesystem;

std::string ArchiveMarker::to_string() const {
  return "change=" + std::to_string(change) + " version=" + std::to_string(version) + " hash=" + hash +
         " state=" + (withdrawn ? "withdrawn" : "indexed");
}

std::optional<ArchiveMarker> ArchiveMarker::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  ArchiveMarker m;
  bool have_change = false, have_state = false;
  std::istringstream in{std::string(text)};
  std::string field;
  while (in >> field) {
    size_t eq = field.find('=');
    if (eq == std::string::npos) return std::nullopt;
    std::string_view key(field.data(), eq), value(field.data() + eq + 1, field.size() - eq - 1);
    auto number = [&](auto& out) {
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
      return ec == std::errc() && ptr == value.data() + value.size();
    };
    if (key == "change") {
      if (!number(m.change)) return std::nullopt;
      have_change = true;
    } else if (key == "version") {
      if (!number(m.version)) return std::nullopt;
    } else if (key == "hash") {
      m.hash = std::string(value);
    } else if (key == "state") {
      if (value != "indexed" && value != "withdrawn") return std::nullopt;
      m.withdrawn = value == "withdrawn";
      have_state = true;
    }
  }
  if (!have_change || !have_state) return std::nullopt;
  return m;
}

AnalysisResources::AnalysisResources(std::unique_ptr<ReferenceData> data) : data_(std::move(data)) {}
AnalysisResources::~AnalysisResources() = default;

std::shared_ptr<const AnalysisResources> AnalysisResources::load(const fs::path& folder,
                                                                 std::vector<std::string>& warnings) {
  return std::shared_ptr<const AnalysisResources>(new AnalysisResources(load_reference_data(folder, warnings)));
}

const fs::path& AnalysisResources::folder() const { return data_->folder; }

struct IndexSession::Impl {
  std::unique_ptr<IndexWriter> writer;
  IndexSessionOptions options;
  ExtractorRegistry registry;
  std::filesystem::path ocr_cache;
  bool done = false;
};

IndexSession::IndexSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexSession::~IndexSession() = default;  // the writer abandons what was not committed

Result<std::unique_ptr<IndexSession>> IndexSession::open(const fs::path& db, IndexSessionOptions options) {
  if (fs::is_regular_file(db)) {
    return Error{ErrorCode::kUnavailable, "the index " + db.string() + " is a stub of shards; writes need a local index"};
  }
  auto writer = IndexWriter::open(db, options.lock_wait_seconds);
  if (!writer) return writer.error();
  auto impl = std::make_unique<Impl>();
  impl->writer = std::move(writer.value());
  impl->options = options;
  impl->ocr_cache = ocr_cache_beside(db);
  return std::unique_ptr<IndexSession>(new IndexSession(std::move(impl)));
}

fs::path IndexSession::recorded_reference() const {
  try {
    return impl_->writer->reference();
  } catch (const Xapian::Error&) {
    return {};
  }
}

namespace {

// One read through the session, Xapian's errors as values.
template <typename Read>
auto read_from(Read&& read) -> Result<decltype(read())> {
  try {
    return read();
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "cannot read the index: " + e.get_description()};
  }
}

// One write through the session: refused once it is closed, Xapian's errors as values.
template <typename Write>
Result<bool> write_to(bool closed, Write&& write) {
  if (closed) return Error{ErrorCode::kInternal, "the index session is closed"};
  try {
    write();
    return true;
  } catch (const Xapian::Error& e) {
    return Error{ErrorCode::kInternal, "cannot write to the index: " + e.get_description()};
  } catch (const std::exception& e) {  // a document the writer refuses (a term Xapian cannot hold, say)
    return Error{ErrorCode::kInternal, "cannot write to the index: " + std::string(e.what()).substr(0, 300)};
  }
}

Error file_error(const Error& e) {
  // What the extractors and the analysis refuse is the file's fault, not the server's.
  return Error{e.code == ErrorCode::kTooLarge ? ErrorCode::kTooLarge : ErrorCode::kInvalidArgument,
               "the file cannot be indexed: " + e.message};
}

}  // namespace

Result<bool> IndexSession::has_document(const std::string& id) const {
  return read_from([&] { return impl_->writer->has_document(id); });
}

Result<std::optional<ArchiveMarker>> IndexSession::archive_marker(const std::string& id) const {
  return read_from([&] { return ArchiveMarker::parse(impl_->writer->archive_marker(id)); });
}

Result<bool> IndexSession::belongs_to_archive(const std::string& id) const {
  return read_from([&] { return !impl_->writer->archive_marker(id).empty(); });
}

Result<std::optional<std::string>> IndexSession::signature(const std::string& id) const {
  return read_from([&] { return impl_->writer->signature(id); });
}

Result<std::vector<std::string>> IndexSession::document_ids() const {
  return read_from([&] { return impl_->writer->document_ids(); });
}

Result<std::vector<LinkReview>> IndexSession::link_reviews(const std::string& id) const {
  return read_from([&] { return impl_->writer->reviews(id); });
}

Result<bool> IndexSession::write(const PreparedDocument& doc) {
  return write_to(impl_->done, [&] { impl_->writer->replace_document(doc); });
}

Result<bool> IndexSession::record_reference(const AnalysisResources& analysis) {
  return write_to(impl_->done, [&] {
    const ReferenceData& data = analysis.data();
    if (data.plan) impl_->writer->set_workplan(workplan_to_json(*data.plan));
    impl_->writer->set_thesaurus(data.concepts);
    impl_->writer->set_reference(data.folder.string());
  });
}

Result<PreparedDocument> IndexSession::prepare(const FileToIndex& file, const AnalysisResources& analysis) {
  if (impl_->done) return Error{ErrorCode::kInternal, "the index session is closed"};
  ExtractionOptions extraction;
  extraction.sandbox = impl_->options.sandbox;
  extraction.limits.cpu_seconds = impl_->options.extraction_seconds;
  extraction.limits.wall_seconds = impl_->options.extraction_seconds * 3 / 2 + 1;
  extraction.ocr_cache = impl_->ocr_cache;
  auto reviews = link_reviews(file.meta.id);
  if (!reviews) return reviews.error();
  auto prepared = prepare_file({file.file, file.meta, file.file_name, file.hash, std::move(reviews.value())},
                               *analysis.data_, impl_->registry, extraction);
  if (!prepared) return file_error(prepared.error());
  return std::move(prepared.value());
}

Result<IndexedFile> IndexSession::index_file(const FileToIndex& file, const AnalysisResources& analysis) {
  auto prepared = prepare(file, analysis);
  if (!prepared) return prepared.error();
  auto written = write(prepared.value());
  if (!written) return written.error();
  return IndexedFile{prepared.value().passage_count, prepared.value().pages};
}

Result<IndexedFile> IndexSession::index_superseded(const FileToIndex& file, int version, const AnalysisResources& analysis) {
  auto prepared = prepare(file, analysis);
  if (!prepared) return prepared.error();
  auto written = write_to(impl_->done, [&] {
    mark_superseded(prepared.value(), version);
    impl_->writer->add_superseded(prepared.value());
  });
  if (!written) return written.error();
  return IndexedFile{prepared.value().passage_count, prepared.value().pages};
}

Result<bool> IndexSession::set_link_review(const std::string& id, int passage, const std::string& item,
                                           const std::string& status) {
  return write_to(impl_->done, [&] { impl_->writer->set_review(id, passage, item, status); });
}

Result<std::string> IndexSession::document_record(const std::string& id) const {
  auto record = read_from([&] { return impl_->writer->record(id); });
  if (record && record.value().empty()) return Error{ErrorCode::kNotFound, "no document with id '" + id + "'"};
  return record;
}

Result<bool> IndexSession::remove_superseded(const std::string& id) {
  return write_to(impl_->done, [&] { impl_->writer->remove_superseded(id); });
}

Result<bool> IndexSession::remove_document(const std::string& id) {
  return write_to(impl_->done, [&] { impl_->writer->remove_document(id); });
}

Result<bool> IndexSession::set_archive_marker(const std::string& id, const ArchiveMarker& marker) {
  return write_to(impl_->done, [&] { impl_->writer->set_archive_marker(id, marker.to_string()); });
}

Result<long long> IndexSession::commit() {
  if (impl_->done) return Error{ErrorCode::kInternal, "the index session is closed"};
  impl_->done = true;
  try {
    return impl_->writer->commit();
  } catch (const std::exception& e) {  // the citation graph's records, say
    impl_->writer->abandon();
    return Error{ErrorCode::kInternal, "commit failed: " + std::string(e.what()).substr(0, 300)};
  }
}

void IndexSession::abandon() {
  impl_->done = true;
  impl_->writer->abandon();
}

}  // namespace atip
