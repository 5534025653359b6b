#include "link/workplan.h"

#include <algorithm>
#include <sstream>

#include <pugixml.hpp>

#include "atip/records.h"
#include "atip/vocabulary.h"

namespace atip {

Result<WorkPlan> load_workplan(const std::filesystem::path& xml) {
  pugi::xml_document doc;
  auto parsed = doc.load_file(xml.c_str());
  if (!parsed) return invalid_argument(xml.string() + ": " + parsed.description());
  auto root = doc.child("workplan");
  if (!root) return invalid_argument(xml.string() + ": no <workplan> element");
  WorkPlan plan;
  plan.document = root.attribute("document").as_string();
  plan.symbol = root.attribute("symbol").as_string();
  for (auto section : root.children("section")) {
    for (auto item : section.children("item")) {
      WorkPlanItem i;
      i.id = item.attribute("id").as_string();
      i.kind = section.attribute("kind").as_string();
      i.number = item.attribute("number").as_int();
      i.pillar = section.attribute("pillar").as_string();
      i.heading = section.attribute("heading").as_string();
      std::istringstream concepts(item.attribute("concepts").as_string());
      for (std::string id; concepts >> id;) i.key_concepts.push_back(id);
      std::istringstream required(item.attribute("requires").as_string());
      for (std::string id; required >> id;) i.required_concepts.push_back(id);
      i.text = item.text().as_string();
      if (i.id.empty() || i.text.empty()) return invalid_argument(xml.string() + ": item without id or text");
      if (std::find(vocabulary::kPillars.begin(), vocabulary::kPillars.end(), i.pillar) == vocabulary::kPillars.end()) {
        return invalid_argument(xml.string() + ": item " + i.id + " is in the pillar '" + i.pillar +
                                "', which is none of prevention, prosecution, protection, general-secretariat");
      }
      plan.items.push_back(std::move(i));
    }
  }
  return plan;
}

std::string workplan_to_json(const WorkPlan& plan) {
  records::WorkPlan r{plan.document, plan.symbol, {}};
  for (const auto& i : plan.items) r.items.push_back({i.id, i.kind, i.number, i.pillar, i.heading, i.text});
  return records::encode(r);
}

}  // namespace atip
