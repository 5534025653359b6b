// The Work Plan's 62 items, read from corpus/workplan.xml.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "atip/result.h"

namespace atip {

struct WorkPlanItem {
  std::string id;      // activity:N or mandate:N
  std::string kind;    // activity or mandate
  int number = 0;
  std::string pillar;  // prevention, prosecution, protection, general-secretariat
  std::string heading;
  std::string text;
  std::vector<std::string> key_concepts;  // thesaurus ids of the item's own subject (may be empty)
  std::vector<std::string> required_concepts;  // thesaurus ids a passage must name besides (may be empty)
};

struct WorkPlan {
  std::string document;  // the corpus id of the work plan itself
  std::string symbol;
  std::vector<WorkPlanItem> items;
};

Result<WorkPlan> load_workplan(const std::filesystem::path& xml);
std::string workplan_to_json(const WorkPlan& plan);

}  // namespace atip
