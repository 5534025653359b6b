#include "link/linker_model.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "link/workplan_linker.h"

namespace atip {

std::string_view genre_of_type(std::string_view type) {
  if (type == "report" || type == "activities") return "report";
  if (type == "law" || type == "model-law" || type == "treaty") return "law";
  return "";
}

const GenreModel* LinkerModel::for_type(std::string_view type) const {
  const std::string_view genre = genre_of_type(type);
  for (const auto& g : genres) {
    if (!genre.empty() && g.genre == genre) return &g;
  }
  return nullptr;
}

Result<LinkerModel> read_linker_model(const std::filesystem::path& file) {
  pugi::xml_document doc;
  if (auto parsed = doc.load_file(file.c_str()); !parsed) {
    return invalid_argument(file.string() + ": " + parsed.description());
  }
  pugi::xml_node root = doc.child("linker-model");
  if (!root) return invalid_argument(file.string() + ": the root element must be <linker-model>");
  LinkerModel out;
  out.trained = root.attribute("trained").as_string();
  std::set<std::string> genres;
  for (auto g : root.children("genre")) {
    GenreModel m;
    m.genre = g.attribute("name").as_string();
    if (m.genre != "report" && m.genre != "law") return invalid_argument(file.string() + ": unknown genre '" + m.genre + "'");
    if (!genres.insert(m.genre).second) return invalid_argument(file.string() + ": genre '" + m.genre + "' twice");
    m.threshold = g.attribute("threshold").as_double(-1);
    m.model.bias = g.attribute("bias").as_double(NAN);
    if (!(m.threshold >= 0 && m.threshold <= 1) || !std::isfinite(m.model.bias)) {
      return invalid_argument(file.string() + ": genre '" + m.genre + "' needs a threshold from 0 to 1 and a bias");
    }
    m.model.weights.assign(kEvidenceFeatures.size(), NAN);
    for (auto w : g.children("weight")) {
      const std::string feature = w.attribute("feature").as_string();
      size_t i = 0;
      while (i < kEvidenceFeatures.size() && kEvidenceFeatures[i] != feature) ++i;
      if (i == kEvidenceFeatures.size()) {
        return invalid_argument(file.string() + ": the linker has no evidence '" + feature + "'; retrain with atip-train-linker");
      }
      m.model.weights[i] = w.text().as_double(NAN);
    }
    for (size_t i = 0; i < kEvidenceFeatures.size(); ++i) {
      if (!std::isfinite(m.model.weights[i])) {
        return invalid_argument(file.string() + ": genre '" + m.genre + "' has no weight for '" +
                                std::string(kEvidenceFeatures[i]) + "'; retrain with atip-train-linker");
      }
    }
    out.genres.push_back(std::move(m));
  }
  return out;
}

std::string linker_model_xml(const LinkerModel& model) {
  auto number = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<!-- The linker's learned weights, written by atip-train-linker (README: retraining the linker).\n"
      << "     Each kind of document has its model: a passage links to an item when the probability its\n"
      << "     evidence gives is at least the threshold. Do not edit by hand: retrain. -->\n"
      << "<linker-model version=\"1\" trained=\"";
  for (char c : model.trained) {
    if (c == '"') out << "&quot;";
    else if (c == '&') out << "&amp;";
    else if (c == '<') out << "&lt;";
    else out << c;
  }
  out << "\">\n";
  for (const auto& g : model.genres) {
    out << "  <genre name=\"" << g.genre << "\" threshold=\"" << number(g.threshold) << "\" bias=\"" << number(g.model.bias)
        << "\">\n";
    for (size_t i = 0; i < kEvidenceFeatures.size() && i < g.model.weights.size(); ++i) {
      out << "    <weight feature=\"" << kEvidenceFeatures[i] << "\">" << number(g.model.weights[i]) << "</weight>\n";
    }
    out << "  </genre>\n";
  }
  out << "</linker-model>\n";
  return out.str();
}

}  // namespace atip
