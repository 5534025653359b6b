// The search service: everything the API needs from the index, as plain structs.
// It owns no HTTP and shows no Xapian; each calling thread gets its own database reader.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "atip/result.h"
#include "atip/server/search_types.h"

namespace atip {

struct SearchServiceOptions {
  std::string db_path;           // a folder, or a stub file listing shards
  double time_budget_seconds = 0.5;  // per query: exact counting beyond this is cut short
  size_t max_query_chars = 1000;
  // Matching checks at least this many passages (0: all of them) and stops once the best ones are
  // known; facet values are counted on the passages checked. Past the limit, totals are Xapian's
  // estimate and facet counts a sample scaled to it, and the answer says total_exact and
  // facets_exact: false.
  unsigned exact_count_limit = 10000;
};

class SearchService {
 public:
  explicit SearchService(SearchServiceOptions options);
  ~SearchService();
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  // Fails with kUnavailable when the index cannot be opened.
  Result<Health> health();
  // Names the index content being served: the database's UUID and revision. It changes with every
  // commit, so an answer read from the index is valid as long as the tag is unchanged.
  Result<std::string> content_tag();
  Result<SearchResponse> search(const SearchRequest& request);
  Result<DocumentRecord> document(const std::string& id);
  Result<PassageDetail> passage(const std::string& id, int n);
  Result<std::vector<WorkPlanItemView>> workplan();
  Result<std::vector<Evidence>> evidence(const std::string& item_id, WorkPlanItemView* item);
  // The jurisdiction x Work Plan item matrix of linked passages, under request's filters (its q is
  // ignored), for the items of one pillar or, with pillar empty, all of them.
  Result<Coverage> coverage(const SearchRequest& request, const std::string& pillar);
  // The best provisions of each jurisdiction on one subject, side by side.
  Result<Comparison> compare(const CompareRequest& request);
  Result<std::vector<std::string>> suggest(const std::string& prefix, const std::string& lang);
  // The documents most recently added or changed in the index, newest first.
  Result<std::vector<DocumentSummary>> recent_documents(size_t limit);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace atip
