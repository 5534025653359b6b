// JSON renderings of the service's structs, shaped as API.md and docs/api-extensions.md say.
#pragma once

#include <string>
#include <vector>

#include "atip/json_writer.h"
#include "atip/server/search_types.h"

namespace atip::api {

std::string render_search(const SearchResponse& r);
std::string render_document(const DocumentRecord& d);
std::string render_passage(const PassageDetail& p);
std::string render_outline(const Outline& o);
std::string render_workplan(const std::vector<WorkPlanItemView>& items);
std::string render_workplan_item(const WorkPlanItemView& item, const std::vector<Evidence>& evidence);
// Exports: permalinks are absolute, under base ("https://host"); what writers or uploaders wrote is
// data (a CSV cell never starts a formula, Markdown never becomes markup).
std::string render_evidence_csv(const WorkPlanItemView& item, const std::vector<Evidence>& evidence,
                                const std::string& base);
std::string render_evidence_markdown(const WorkPlanItemView& item, const std::vector<Evidence>& evidence,
                                     const std::string& base);
// The coverage matrix as JSON (each cell with the search that lists its passages) and as CSV.
std::string render_coverage(const Coverage& c, const std::string& search_filters);
std::string render_comparison(const Comparison& c);
std::string render_coverage_csv(const Coverage& c);
// Every hit of a search as CSV, one row each, whole passage text and an absolute permalink.
std::string render_search_csv(const SearchResponse& r, const std::string& base);
// One CSV field, quoted; text a spreadsheet would run as a formula gets a leading apostrophe.
std::string csv_cell(const std::string& s);
// Text as literal Markdown inline content, on one line.
std::string markdown_escape(const std::string& s);

}  // namespace atip::api
