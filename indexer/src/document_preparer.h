// One file to a document ready for the index: extract → analyse → prepare_document. The folder run
// (pipeline.cpp) and single-document writes (document_indexer.cpp) both go through here, so a folder
// import and an upload give the same result.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/entity_finder.h"
#include "analyze/thesaurus.h"
#include "atip/document.h"
#include "atip/result.h"
#include "extract/extractor.h"
#include "store/indexed_document.h"
#include "link/workplan.h"
#include "link/workplan_linker.h"
#include "store/document_builder.h"

namespace atip {

// The reference data of analysis, loaded once per run: the work plan and thesaurus (for links)
// and the countries and organizations (for entities). Each part is optional.
struct ReferenceData {
  std::filesystem::path folder;
  std::optional<WorkPlan> plan;
  std::vector<Concept> concepts;
  std::optional<EntityFinder> entities;
  std::optional<WorkPlanLinker> linker;

  ReferenceData() = default;
  ReferenceData(const ReferenceData&) = delete;
  ReferenceData& operator=(const ReferenceData&) = delete;
};

// Reads workplan.xml, thesaurus.xml, countries.xml and organizations.xml from folder; what is
// missing is left out, what cannot be read is reported in warnings.
std::unique_ptr<ReferenceData> load_reference_data(const std::filesystem::path& folder,
                                                    std::vector<std::string>& warnings);

struct FileToPrepare {
  std::filesystem::path file;  // the original; its format comes from its content, then its extension
  DocumentMetadata meta;       // id set; empty fields are inferred from the file
  std::string file_name;       // the name it is served under; empty: the file's own name
  std::string signature;       // stored as the file's hash (ETag) and the document's signature
  std::vector<LinkReview> reviews;  // people's verdicts on its links, applied after linking
};

struct ExtractionOptions {
  bool sandbox = true;  // extract in a child process
  SandboxLimits limits;
  std::filesystem::path ocr_cache;  // where OCR results are kept; empty: none
};

// Where OCR results of the index db are kept: the folder <db>.ocr-cache beside it, so that an index
// rebuilt from nothing (the folder removed, a new pipeline version) still finds what was read.
std::filesystem::path ocr_cache_beside(const std::filesystem::path& db);

// A file extracted and analysed (passages, languages, entities, links), not yet made into index documents.
struct AnalysedFile {
  IndexedDocument document;
  std::vector<std::vector<text::Token>> tokens;  // of each passage
};
Result<AnalysedFile> analyse_file(const FileToPrepare& file, const ReferenceData& reference,
                                  const ExtractorRegistry& registry, const ExtractionOptions& extraction);

// Never throws; a file without text is an error ("no text found").
Result<PreparedDocument> prepare_file(const FileToPrepare& file, const ReferenceData& reference,
                                      const ExtractorRegistry& registry, const ExtractionOptions& extraction);

}  // namespace atip
