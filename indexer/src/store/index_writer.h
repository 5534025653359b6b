// Writes analysed documents into the Xapian index: one Xapian document per passage, in one
// transaction per run, so readers see the old index or the new one and never half of either.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/thesaurus.h"
#include "atip/result.h"
#include "store/indexed_document.h"

namespace atip {
struct PreparedDocument;
}

namespace atip {

class IndexWriter {
 public:
  // Waits up to lock_wait_seconds for another writer to let go of the index.
  static Result<std::unique_ptr<IndexWriter>> open(const std::filesystem::path& db, int lock_wait_seconds = 10);
  ~IndexWriter();

  // The signature stored with a document at its last indexing, if it is in the index.
  std::optional<std::string> signature(const std::string& id) const;
  std::vector<std::string> document_ids() const;
  // Whether the document is in the index now (written since open() included).
  bool has_document(const std::string& id) const;
  // The archive marker of a document written over the API (ArchiveMarker text); empty otherwise.
  std::string archive_marker(const std::string& id) const;
  // The reference folder recorded by the last folder run; empty when none.
  std::string reference() const;

  // Also records when the document's record last changed (schema::kMetaIndexedPrefix).
  void replace_document(const PreparedDocument& doc);
  // Removes the document with its earlier versions.
  void remove_document(const std::string& id);
  // Earlier versions (a document marked with mark_superseded): added beside the current one.
  void add_superseded(const PreparedDocument& doc);
  void remove_superseded(const std::string& id);
  // People's verdicts on the links of a document's passages; an empty status removes the verdict.
  std::vector<LinkReview> reviews(const std::string& id) const;
  void set_review(const std::string& id, int passage, const std::string& item, const std::string& status);
  // The document's record (metadata JSON); empty when it is not in the index.
  std::string record(const std::string& id) const;
  void set_archive_marker(const std::string& id, const std::string& marker);
  void set_workplan(const std::string& json);
  void set_thesaurus(const std::vector<Concept>& concepts);
  void set_reference(const std::string& folder);

  // Commits everything written since open(); the revision number goes up by one.
  Result<long long> commit();
  // Drops everything written since open().
  void abandon();

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<IndexWriter>> try_open(const std::filesystem::path& db);
  std::unique_ptr<Impl> impl_;
};

}  // namespace atip
