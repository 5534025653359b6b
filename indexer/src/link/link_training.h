// Learning how much each kind of evidence weighs, from links people labelled: the labels, the
// examples they make of a document's passages, a model per kind of document, and figures measured
// on documents a model never saw (leave one document out).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "atip/document.h"
#include "atip/result.h"
#include "link/linker_model.h"
#include "link/workplan_linker.h"

namespace atip {

// One labelled link: "must" (the passage is about what the item asks), "may" (it contributes) or
// "reject" (it only shares words). The passage is named by words it holds (a report's evidence
// phrase) or by how it begins (a law's first 40 characters).
struct LinkLabel {
  std::string document;
  std::string item;
  std::string label;
  std::string passage;
  bool by_beginning = false;
};

// Reads both label files of tests/data: "document item strength evidence" (report-links-blind.tsv)
// and "document item beginning label" (law-links-dev.tsv); '#' lines are comments.
Result<std::vector<LinkLabel>> read_link_labels(const std::filesystem::path& tsv);

// How a law's passage is named in a label file: its first 40 characters, on one line.
std::string passage_beginning(const std::string& text);

// One passage–item pair of a labelled document: its evidence and its label (empty: unlabelled).
struct LinkExample {
  std::string document;
  std::vector<double> x;
  std::string label;
};

// Every passage–item pair of a document, labelled from labels (those of other documents are ignored).
std::vector<LinkExample> label_examples(const std::string& document, const std::vector<Passage>& passages,
                                        const std::vector<std::vector<ItemEvidence>>& evidence,
                                        const std::vector<LinkLabel>& labels);

// The threshold a genre's model links at: the best F1 on its training documents, or the highest
// probability that keeps this share of their must-links.
struct Operating {
  double keep_must = 0;  // 0: best F1
};

// Trained on the examples of every document but held_out ("" for none); "may" examples are left
// out: they are neither required nor wrong.
Result<GenreModel> train_genre(const std::vector<LinkExample>& examples, const std::string& held_out, Operating operating);

struct LinkFigures {
  int must = 0;
  int found = 0;
  int links = 0;
  int outside = 0;  // links neither must nor may
  double recall() const { return must ? static_cast<double>(found) / must : 0; }
  double outside_share() const { return links ? static_cast<double>(outside) / links : 0; }
  std::string describe() const;
};

// Where a genre's model links: reports at the best F1 (at 90% of their must-links they would carry
// ten links per must-link), laws at 90% of their training documents' must-links (the standard's recall).
Operating operating_of(std::string_view genre);

// The examples of every labelled document found in the folders (a document's id and type from its
// sidecar or its folder's MANIFEST.tsv), by genre; documents of no genre are left out. Labels of
// documents that are not found, or of passages that are not there, are named in problems.
struct ReferenceData;
std::map<std::string, std::vector<LinkExample>> examples_by_genre(const std::vector<std::filesystem::path>& folders,
                                                                 const std::vector<LinkLabel>& labels,
                                                                 const ReferenceData& reference,
                                                                 std::vector<std::string>& problems);

// A model per genre, trained on all its examples.
Result<LinkerModel> train_linker_model(const std::map<std::string, std::vector<LinkExample>>& examples);

// Every document scored by a model trained on the others.
Result<LinkFigures> cross_validate(const std::vector<LinkExample>& examples, Operating operating);
// The hand-set rules' figures on the same examples (their "rule" feature).
LinkFigures rule_figures(const std::vector<LinkExample>& examples);

}  // namespace atip
