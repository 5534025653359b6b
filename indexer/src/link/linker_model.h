// The learned weights of the linker's evidence (kEvidenceFeatures), one model per kind of document,
// read from corpus/linker-model.xml (written by atip-train-linker; schemas/linker-model.xsd).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "atip/result.h"
#include "link/logistic.h"

namespace atip {

// The kinds of document a model is trained for: a Secretariat report and a law answer the Work Plan
// differently. Empty for the others, which the hand-set rules link.
std::string_view genre_of_type(std::string_view type);

struct GenreModel {
  std::string genre;       // "report" or "law"
  LogisticModel model;     // weights in kEvidenceFeatures order
  double threshold = 0.5;  // a link when the probability is at least this
};

struct LinkerModel {
  std::vector<GenreModel> genres;
  std::string trained;  // what it was trained on, as atip-train-linker wrote it

  const GenreModel* for_type(std::string_view type) const;
};

// Fails with a message naming what is wrong: not the schema, a feature the linker does not have or
// lacks, a genre twice.
Result<LinkerModel> read_linker_model(const std::filesystem::path& file);
std::string linker_model_xml(const LinkerModel& model);

}  // namespace atip
