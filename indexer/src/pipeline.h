// The indexing run: find files, skip unchanged ones, extract, analyse, link and write,
// then commit once.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace atip {

struct IndexOptions {
  std::filesystem::path corpus;
  std::filesystem::path db;
  // Where workplan.xml, thesaurus.xml, countries.xml and organizations.xml are; empty: the corpus.
  std::filesystem::path reference;
  int jobs = 1;
  SandboxLimits limits;
  bool sandbox = true;  // extract in child processes
  std::filesystem::path ocr_cache;  // empty: ocr_cache_beside(db)
};

struct SkippedFile {
  std::string path;
  std::string reason;
};

struct IndexReport {
  int files = 0;
  int indexed = 0;
  int unchanged = 0;
  int removed = 0;
  int passages = 0;
  int pages = 0;
  int ocr_pages = 0;         // pages read by OCR, ...
  int ocr_pages_cached = 0;  // ... of which the OCR cache had the text
  long long revision = 0;
  double seconds = 0;
  std::vector<SkippedFile> skipped;
  std::vector<std::string> warnings;
  std::string fatal;  // set when nothing could be written
};

struct Progress {
  int done = 0;
  int total = 0;
  int pages = 0;
  double seconds = 0;
  std::string current;   // the file just done
  bool skipped = false;  // ... and it could not be indexed (the reason is in the report)
};

IndexReport run_index(const IndexOptions& options, const std::function<void(const Progress&)>& on_progress = {});

}  // namespace atip
