// Reads the JSON that the indexer stores (document records, passage data, the work plan).
#pragma once

#include <string>
#include <vector>

#include "atip/result.h"
#include "atip/server/search_types.h"

namespace atip {

Result<DocumentRecord> parse_document_record(const std::string& json);
Result<PassageDetail> parse_passage_data(const std::string& json);
Result<std::vector<WorkPlanItemView>> parse_workplan(const std::string& json);

// What a hit shows of a stored passage (no snippet, no text: the caller decides).
PassageSummary summary_of(const PassageDetail& p);

}  // namespace atip
