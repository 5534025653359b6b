#include "link/link_training.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "atip/text.h"
#include "document_preparer.h"
#include "extract/extractor.h"
#include "store/metadata_reader.h"

namespace atip {
namespace {

// Text as labels name it: folded, every run of spaces one space.
std::string match_form(std::string_view s) { return text::squeeze(text::fold(s)); }

bool is_strength(const std::string& s) { return s == "must" || s == "may" || s == "reject"; }

}  // namespace

Result<std::vector<LinkLabel>> read_link_labels(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) return invalid_argument("cannot read the labels " + tsv.string());
  std::vector<LinkLabel> out;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string document, item, third, fourth;
    std::getline(fields, document, '\t');
    std::getline(fields, item, '\t');
    std::getline(fields, third, '\t');
    std::getline(fields, fourth, '\t');
    const std::string& passage = is_strength(third) ? fourth : third;
    if (text::squeeze(passage).empty()) {
      return invalid_argument(tsv.string() + ":" + std::to_string(number) + ": the label names no passage");
    }
    if (is_strength(third)) {
      out.push_back({document, item, third, fourth, false});
    } else if (is_strength(fourth)) {
      out.push_back({document, item, fourth, third, true});
    } else {
      return invalid_argument(tsv.string() + ":" + std::to_string(number) + ": no label must, may or reject");
    }
  }
  return out;
}

std::string passage_beginning(const std::string& text) {
  std::string start;
  for (size_t i = 0, chars = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && chars++ == 40) break;
    start.push_back(c == '\n' || c == '\t' ? ' ' : static_cast<char>(c));
  }
  return start;
}

std::vector<LinkExample> label_examples(const std::string& document, const std::vector<Passage>& passages,
                                        const std::vector<std::vector<ItemEvidence>>& evidence,
                                        const std::vector<LinkLabel>& labels) {
  std::map<std::pair<size_t, std::string>, std::string> labelled;  // (passage, item) -> label; must wins
  std::vector<std::string> beginnings, forms;
  for (const auto& p : passages) {
    beginnings.push_back(passage_beginning(p.text));
    forms.push_back(match_form(p.text));
  }
  for (const auto& l : labels) {
    if (l.document != document) continue;
    const std::string wanted = match_form(l.passage);
    for (size_t i = 0; i < passages.size(); ++i) {
      const bool named = l.by_beginning ? beginnings[i] == l.passage : forms[i].find(wanted) != std::string::npos;
      if (!named) continue;
      std::string& label = labelled[{i, l.item}];
      if (label != "must") label = l.label;
    }
  }
  std::vector<LinkExample> out;
  for (size_t i = 0; i < passages.size() && i < evidence.size(); ++i) {
    for (const auto& e : evidence[i]) {
      auto it = labelled.find({i, e.item});
      out.push_back({document, e.x, it == labelled.end() ? "" : it->second});
    }
  }
  return out;
}

Result<GenreModel> train_genre(const std::vector<LinkExample>& examples, const std::string& held_out, Operating operating) {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (const auto& e : examples) {
    if (e.document == held_out || e.label == "may") continue;
    x.push_back(e.x);
    y.push_back(e.label == "must");
  }
  auto trained = train_logistic(x, y);
  if (!trained) return trained.error();
  GenreModel g;
  g.model = trained.value();
  std::vector<std::pair<double, int>> scored;  // probability, label; most probable first
  int positives = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    scored.push_back({g.model.probability(x[i]), y[i]});
    positives += y[i];
  }
  if (positives == 0) return invalid_argument("no must-link to learn from");
  std::sort(scored.rbegin(), scored.rend());
  double best = -1;
  int tp = 0;
  for (size_t i = 0; i < scored.size(); ++i) {
    tp += scored[i].second;
    if (operating.keep_must > 0) {
      if (tp >= operating.keep_must * positives) {
        g.threshold = scored[i].first;
        break;
      }
      continue;
    }
    const double f1 = 2.0 * tp / (static_cast<double>(i + 1) + positives);
    if (f1 > best) {
      best = f1;
      g.threshold = scored[i].first;
    }
  }
  return g;
}

std::string LinkFigures::describe() const {
  std::ostringstream out;
  out << "must-links found " << found << "/" << must << " (recall " << recall() << "), links " << links
      << ", outside must+may " << outside << " (" << outside_share() * 100 << "%)";
  return out.str();
}

namespace {
void count(LinkFigures& f, const LinkExample& e, bool linked) {
  f.must += e.label == "must";
  f.found += linked && e.label == "must";
  f.links += linked;
  f.outside += linked && e.label != "must" && e.label != "may";
}
}  // namespace

Result<LinkFigures> cross_validate(const std::vector<LinkExample>& examples, Operating operating) {
  std::set<std::string> documents;
  for (const auto& e : examples) documents.insert(e.document);
  LinkFigures f;
  for (const auto& d : documents) {
    auto fold = train_genre(examples, d, operating);
    if (!fold) return fold.error();
    for (const auto& e : examples) {
      if (e.document == d) count(f, e, fold.value().model.probability(e.x) >= fold.value().threshold);
    }
  }
  return f;
}

LinkFigures rule_figures(const std::vector<LinkExample>& examples) {
  LinkFigures f;
  for (const auto& e : examples) count(f, e, !e.x.empty() && e.x.back() > 0);  // "rule" is the last feature
  return f;
}

Operating operating_of(std::string_view genre) { return genre == "law" ? Operating{0.9} : Operating{0}; }

namespace {

struct Found {
  std::filesystem::path file;
  DocumentMetadata meta;
};

// The documents of the folders by id: from sidecars, else from MANIFEST.tsv rows.
std::map<std::string, Found> documents_in(const std::vector<std::filesystem::path>& folders, std::vector<std::string>& problems) {
  std::map<std::string, Found> out;
  for (const auto& folder : folders) {
    if (auto manifest = folder / "MANIFEST.tsv"; std::filesystem::exists(manifest)) {
      auto rows = read_manifest(manifest);
      if (!rows) problems.push_back(manifest.string() + ": " + rows.error().message);
      for (const auto& [name, meta] : rows ? rows.value() : std::map<std::string, DocumentMetadata>{}) {
        out.emplace(meta.id.empty() ? id_from_stem(name) : meta.id, Found{folder / name, meta});
      }
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      const auto& file = entry.path();
      if (!is_document_file(file) || !std::filesystem::exists(sidecar_path(file))) continue;
      auto meta = read_sidecar(sidecar_path(file));
      if (!meta) {
        problems.push_back(sidecar_path(file).string() + ": " + meta.error().message);
        continue;
      }
      out.emplace(meta.value().id.empty() ? id_from_stem(file) : meta.value().id, Found{file, meta.value()});
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::vector<LinkExample>> examples_by_genre(const std::vector<std::filesystem::path>& folders,
                                                                 const std::vector<LinkLabel>& labels,
                                                                 const ReferenceData& reference,
                                                                 std::vector<std::string>& problems) {
  std::map<std::string, std::vector<LinkExample>> out;
  if (!reference.linker) {
    problems.push_back("no work plan in the reference folder: nothing to link to");
    return out;
  }
  std::set<std::string> labelled;
  for (const auto& l : labels) labelled.insert(l.document);
  const auto documents = documents_in(folders, problems);
  const ExtractorRegistry registry;
  ExtractionOptions extraction;
  extraction.sandbox = false;
  for (const auto& id : labelled) {
    auto it = documents.find(id);
    if (it == documents.end()) {
      problems.push_back("labelled document '" + id + "' is in none of the folders");
      continue;
    }
    const std::string genre(genre_of_type(it->second.meta.type));
    if (genre.empty()) continue;
    FileToPrepare input{it->second.file, it->second.meta, "", "", {}};
    input.meta.id = id;
    auto analysed = analyse_file(input, reference, registry, extraction);
    if (!analysed) {
      problems.push_back(it->second.file.string() + ": " + analysed.error().message);
      continue;
    }
    const auto& passages = analysed.value().document.passages;
    const Actor author = actor_of_document_type(it->second.meta.type);
    std::vector<std::vector<ItemEvidence>> evidence;
    for (size_t i = 0; i < passages.size(); ++i) {
      evidence.push_back(reference.linker->evidence(passages[i], analysed.value().tokens[i], author));
    }
    WorkPlanLinker::add_section_evidence(passages, evidence);
    auto examples = label_examples(id, passages, evidence, labels);
    out[genre].insert(out[genre].end(), examples.begin(), examples.end());
  }
  return out;
}

Result<LinkerModel> train_linker_model(const std::map<std::string, std::vector<LinkExample>>& examples) {
  LinkerModel model;
  for (const auto& [genre, genre_examples] : examples) {
    auto trained = train_genre(genre_examples, "", operating_of(genre));
    if (!trained) return Error{trained.error().code, genre + ": " + trained.error().message};
    trained.value().genre = genre;
    model.genres.push_back(std::move(trained.value()));
  }
  return model;
}

}  // namespace atip
