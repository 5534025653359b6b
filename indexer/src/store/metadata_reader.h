// Document metadata from sidecars (<stem>.meta.xml) and bulk MANIFEST.tsv spreadsheets.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "atip/document.h"
#include "atip/metadata.h"
#include "atip/result.h"

namespace atip {

Result<DocumentMetadata> read_sidecar(const std::filesystem::path& xml);
// Keyed by file name (the manifest's `file` column).
Result<std::map<std::string, DocumentMetadata>> read_manifest(const std::filesystem::path& tsv);

std::filesystem::path sidecar_path(const std::filesystem::path& document_file);
// A document id from a file stem: lower-case ASCII letters, digits and '-'.
std::string id_from_stem(const std::filesystem::path& document_file);
// Years listed from "2010-2014", "2013" or a date.
std::vector<int> parse_years(std::string_view text);

}  // namespace atip
