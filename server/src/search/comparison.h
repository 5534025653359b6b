// Provisions side by side: for one subject, the best passages of each jurisdiction.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "atip/result.h"
#include "atip/server/search_types.h"

namespace atip {

struct ComparisonSources {
  const Xapian::Database& db;
  // The summary of a document by id, or nullptr.
  std::function<const DocumentSummary*(const std::string&)> document;
  const std::vector<WorkPlanItemView>& workplan;
  std::vector<Xapian::Query> filters;  // the request's filters, built; jurisdiction and type included
  double time_budget_seconds = 0.5;    // per query run, as for search
};

// The document types compared when the request names none: what has provisions.
const std::vector<std::string>& provision_types();

Result<Comparison> compare_provisions(const CompareRequest& request, const ComparisonSources& sources);

}  // namespace atip
