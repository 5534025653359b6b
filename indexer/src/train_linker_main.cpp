// atip-train-linker: learns how much each kind of the linker's evidence weighs from links people
// labelled, prints how well that does on documents it never saw, and writes linker-model.xml.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "atip/cli.h"
#include "document_preparer.h"
#include "link/link_training.h"

namespace {

const char* kUsage =
    "Usage: atip-train-linker --corpus DIR [--corpus DIR ...] --labels FILE [--labels FILE ...]\n"
    "                         [--reference DIR] [--out FILE]\n"
    "\n"
    "Learns the weights of the Work Plan linker's evidence from labelled links, one model for\n"
    "Secretariat reports and one for laws and treaties, and writes them for atip-index.\n"
    "\n"
    "  --corpus DIR     a folder of documents; a document's id and type come from its sidecar\n"
    "                   (<file>.meta.xml) or the folder's MANIFEST.tsv (repeatable)\n"
    "  --labels FILE    labelled links, as tests/data/report-links-blind.tsv (document, item,\n"
    "                   must|may|reject, words of the passage) or tests/data/law-links-dev.tsv\n"
    "                   (document, item, the passage's first 40 characters, must|may|reject)\n"
    "                   (repeatable)\n"
    "  --reference DIR  workplan.xml and thesaurus.xml (default: the first --corpus folder)\n"
    "  --out FILE       the model to write (default: linker-model.xml in the reference folder)\n"
    "  --help           show this help\n"
    "\n"
    "Before writing, it prints for each kind of document the figures of leave-one-document-out\n"
    "cross-validation (each document linked by a model trained without its labels) beside the\n"
    "hand-set rules'. Run atip-index on the corpus again for the new weights to take effect.\n"
    "Exit status: 0 written; 2 a bad option, unreadable labels, or nothing to learn from.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> corpora;
  std::vector<std::filesystem::path> label_files;
  std::filesystem::path reference, out;
  for (atip::cli::Arguments args(argc, argv); args.next();) {
    const std::string& a = args.name();
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    auto value = args.value();
    if (!value) {
      std::cerr << "atip-train-linker: " << (a.rfind("--", 0) == 0 ? a + " needs a value" : "unknown argument '" + a + "'")
                << "\n" << kUsage;
      return 2;
    }
    if (a == "--corpus") corpora.emplace_back(*value);
    else if (a == "--labels") label_files.emplace_back(*value);
    else if (a == "--reference") reference = *value;
    else if (a == "--out") out = *value;
    else {
      std::cerr << "atip-train-linker: unknown option '" << a << "'\n" << kUsage;
      return 2;
    }
  }
  if (corpora.empty() || label_files.empty()) {
    std::cerr << "atip-train-linker: --corpus and --labels are required\n" << kUsage;
    return 2;
  }
  if (reference.empty()) reference = corpora.front();
  if (out.empty()) out = reference / "linker-model.xml";

  std::vector<atip::LinkLabel> labels;
  std::string trained_on;
  for (const auto& f : label_files) {
    auto read = atip::read_link_labels(f);
    if (!read) {
      std::cerr << "atip-train-linker: " << read.error().message << "\n";
      return 2;
    }
    labels.insert(labels.end(), read.value().begin(), read.value().end());
    trained_on += (trained_on.empty() ? "" : " ") + f.filename().string() + " (" + std::to_string(read.value().size()) + " labels)";
  }
  std::vector<std::string> problems;
  auto data = atip::load_reference_data(reference, problems);
  const auto examples = atip::examples_by_genre(corpora, labels, *data, problems);
  for (const auto& p : problems) std::fprintf(stderr, "atip-train-linker: %s\n", p.c_str());
  for (const auto& [genre, genre_examples] : examples) {
    auto cv = atip::cross_validate(genre_examples, atip::operating_of(genre));
    std::printf("%s, hand-set rules: %s\n", genre.c_str(), atip::rule_figures(genre_examples).describe().c_str());
    if (cv) std::printf("%s, learned, leave one document out: %s\n", genre.c_str(), cv.value().describe().c_str());
  }
  auto model = atip::train_linker_model(examples);
  if (!model || model.value().genres.empty()) {
    std::cerr << "atip-train-linker: nothing to learn from" << (model ? "" : ": " + model.error().message) << "\n";
    return 2;
  }
  model.value().trained = trained_on;
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << atip::linker_model_xml(model.value());
  if (!file.flush()) {
    std::cerr << "atip-train-linker: cannot write " << out.string() << "\n";
    return 2;
  }
  std::printf("atip-train-linker: wrote %s\n", out.string().c_str());
  return 0;
}
