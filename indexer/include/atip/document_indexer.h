// Writing single documents into the index the way atip-index does — the same extraction,
// analysis and document building (extract → analyse → prepare_document → IndexWriter) — for
// writers other than the folder run: the archive behind the API. No Xapian types here.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atip/document.h"
#include "atip/result.h"

namespace atip {

struct ReferenceData;
struct PreparedDocument;

// What the index records of a document written through the archive, so that a folder run leaves
// it alone (its origin) and a restart can tell which archive change the index holds.
struct ArchiveMarker {
  long long change = 0;    // the archive change that last wrote the document
  int version = 0;         // the version the index holds
  std::string hash;        // that version's content hash
  bool withdrawn = false;  // withdrawn from search: its passages are not in the index

  std::string to_string() const;
  static std::optional<ArchiveMarker> parse(std::string_view text);
};

// The reference data of analysis (work plan, thesaurus, countries, organizations), loaded once and
// shared by any number of sessions.
class AnalysisResources {
 public:
  // Each file is optional; a file that cannot be read is named in warnings.
  static std::shared_ptr<const AnalysisResources> load(const std::filesystem::path& folder,
                                                       std::vector<std::string>& warnings);
  ~AnalysisResources();
  const std::filesystem::path& folder() const;
  const ReferenceData& data() const { return *data_; }

 private:
  friend class IndexSession;
  explicit AnalysisResources(std::unique_ptr<ReferenceData> data);
  std::unique_ptr<ReferenceData> data_;
};

struct FileToIndex {
  std::filesystem::path file;  // the original; its format comes from its content, then its extension
  DocumentMetadata meta;       // id set; empty fields are inferred from the file as atip-index does
  std::string file_name;       // the name the file is served under; empty: the file's own name
  std::string hash;            // the file's ETag and the document's signature
};

struct IndexedFile {
  int passages = 0;
  int pages = 0;
};

struct IndexSessionOptions {
  int lock_wait_seconds = 10;  // for another writer (atip-index) to let go of the index
  bool sandbox = true;         // extract in a child process, as atip-index does
  int extraction_seconds = 60; // CPU limit per file (wall clock: 1.5 times this)
};

// One write transaction on the index, for every writer: the folder run (atip-index) and the archive
// behind the API. What is done through it is seen by readers at commit(), all at once, or never when
// the session ends without commit(). The index's own errors come back as values, never as exceptions.
class IndexSession {
 public:
  static Result<std::unique_ptr<IndexSession>> open(const std::filesystem::path& db, IndexSessionOptions options = {});
  ~IndexSession();
  IndexSession(const IndexSession&) = delete;
  IndexSession& operator=(const IndexSession&) = delete;

  // The reference folder the last atip-index run used (recorded in the index); empty when none.
  std::filesystem::path recorded_reference() const;
  // Whether the document is searchable (in the index, with its record).
  Result<bool> has_document(const std::string& id) const;
  // The marker of a document written through the archive; nullopt for any other.
  Result<std::optional<ArchiveMarker>> archive_marker(const std::string& id) const;
  // Whether the document was written through the archive (it has a marker, readable or not).
  Result<bool> belongs_to_archive(const std::string& id) const;

  // Extracts, analyses and writes (replaces) the document. A file that cannot be extracted or has
  // no text is kInvalidArgument (kTooLarge when extraction ran out of memory).
  Result<IndexedFile> index_file(const FileToIndex& file, const AnalysisResources& analysis);
  // An earlier version of an archived document: searchable only when a search asks for every version.
  Result<IndexedFile> index_superseded(const FileToIndex& file, int version, const AnalysisResources& analysis);
  Result<bool> remove_superseded(const std::string& id);
  // Removes the document from search, its earlier versions too.
  Result<bool> remove_document(const std::string& id);
  // A person's verdict on a passage's link ("confirmed", "rejected"; empty: back to the linker's
  // own). Kept in the index and applied whenever the document is indexed, this time included.
  Result<bool> set_link_review(const std::string& id, int passage, const std::string& item, const std::string& status);
  // The document's record as the index holds it (JSON); kNotFound when it is not in the index.
  Result<std::string> document_record(const std::string& id) const;
  Result<bool> set_archive_marker(const std::string& id, const ArchiveMarker& marker);

  // For a writer that prepares documents in threads of its own (atip-index, with prepare_file):
  // the signature a document was last indexed with (nullopt: not in the index), the documents
  // there are, the verdicts to apply when preparing one, and the write of a prepared document.
  Result<std::optional<std::string>> signature(const std::string& id) const;
  Result<std::vector<std::string>> document_ids() const;
  Result<std::vector<LinkReview>> link_reviews(const std::string& id) const;
  Result<bool> write(const PreparedDocument& doc);
  // Records the reference data documents were analysed with: the work plan, the thesaurus and the folder.
  Result<bool> record_reference(const AnalysisResources& analysis);

  // Commits; returns the new revision. The session can do nothing more afterwards.
  Result<long long> commit();
  // Drops everything written through the session; it can do nothing more afterwards.
  void abandon();

 private:
  struct Impl;
  explicit IndexSession(std::unique_ptr<Impl> impl);
  Result<PreparedDocument> prepare(const FileToIndex& file, const AnalysisResources& analysis);
  std::unique_ptr<Impl> impl_;
};

}  // namespace atip
