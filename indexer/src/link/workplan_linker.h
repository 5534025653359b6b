// Scores each passage against each Work Plan item and keeps the links a careful reader would
// accept: explicit references ("mandate 7"), quotations of an item's words, and overlap of
// meaning (weighted stems plus thesaurus concepts, so a Spanish article can serve an English item).
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyze/phrase_dictionary.h"
#include "analyze/thesaurus.h"
#include "atip/document.h"
#include "link/workplan.h"

namespace atip {

struct LinkerOptions {
  double similarity_threshold = 0.42;
  size_t quotation_min_shingles = 3;
  double quotation_min_ratio = 0.12;
  size_t similarity_min_shared = 3;
  double secondary_similarity_threshold = 0.6;
  size_t max_similarity_links = 2;  // per passage, besides explicit references and quotations
};

class WorkPlanLinker {
 public:
  WorkPlanLinker(const WorkPlan& plan, const std::vector<Concept>& thesaurus, LinkerOptions options = {});

  std::vector<WorkPlanLink> link(const Passage& passage) const;
  // tokens: text::tokenize(passage.text), when the caller has them already.
  std::vector<WorkPlanLink> link(const Passage& passage, const std::vector<text::Token>& tokens) const;

 private:
  struct ItemProfile {
    std::string id;
    std::string kind;
    int number = 0;
    std::unordered_map<std::string, double> features;  // feature -> idf weight
    double total_weight = 0;
    std::unordered_set<std::string> shingles;
  };
  std::unordered_set<std::string> features_of(const std::vector<text::Token>& tokens, std::string_view lang) const;
  std::vector<WorkPlanLink> explicit_references(std::string_view text) const;

  std::vector<ItemProfile> items_;
  PhraseDictionary concepts_;
  LinkerOptions options_;
};

}  // namespace atip
