// Document metadata as schemas/document.xsd defines it: reading a sidecar from memory and checking
// the schema's rules, for writers that must refuse what the schema refuses (the archive's API).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "atip/document.h"
#include "atip/result.h"

namespace atip {

// The values of DocumentTypeType, in schema order.
const std::vector<std::string>& document_types();

// DocumentIdType: lower-case ASCII letters, digits and '-', not starting with '-', at most 200.
bool is_valid_document_id(std::string_view id);

// A sidecar (<document xmlns="urn:atip:document" version="1">...</document>) read from memory and
// held to the schema: the namespace and version, no unknown or repeated elements, each value as
// check_metadata() wants it. Every problem is named in the error's message.
Result<DocumentMetadata> parse_sidecar_strict(std::string_view xml);

// The rules of schemas/document.xsd over metadata however it arrived: the required fields (id,
// title, type, date, jurisdiction, language), the id pattern, the type and language enumerations,
// the date, year and jurisdiction patterns, non-blank strings. Every problem is named.
Result<bool> check_metadata(const DocumentMetadata& meta);

}  // namespace atip
