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
std::string render_workplan(const std::vector<WorkPlanItemView>& items);
std::string render_workplan_item(const WorkPlanItemView& item, const std::vector<Evidence>& evidence);
std::string render_evidence_csv(const WorkPlanItemView& item, const std::vector<Evidence>& evidence);
std::string render_evidence_markdown(const WorkPlanItemView& item, const std::vector<Evidence>& evidence);

}  // namespace atip::api
