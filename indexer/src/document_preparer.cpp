#include "document_preparer.h"

#include <algorithm>
#include <set>

#include "analyze/passage_segmenter.h"
#include "atip/language.h"
#include "atip/symbols.h"
#include "atip/text.h"
#include "store/metadata_reader.h"

namespace atip {
namespace fs = std::filesystem;
namespace {

void apply_reviews(Passage& p, const std::vector<LinkReview>& reviews) {
  for (const auto& r : reviews) {
    if (r.passage != p.n) continue;
    auto found = std::find_if(p.links.begin(), p.links.end(), [&](const WorkPlanLink& l) { return l.item == r.item; });
    if (found != p.links.end()) {
      found->status = r.status;
    } else if (r.status == kLinkConfirmed) {
      p.links.push_back({r.item, std::string(vocabulary::kMethodManual), 1.0, std::string(kLinkConfirmed)});
    }
  }
}

void set_pillars(Passage& p, const WorkPlan& plan) {
  for (auto& link : p.links) {
    auto item = std::find_if(plan.items.begin(), plan.items.end(), [&](const WorkPlanItem& i) { return i.id == link.item; });
    if (item != plan.items.end()) link.pillar = item->pillar;
  }
}

// A passage on a page that OCR read says so, with that page's confidence.
void mark_ocr_passages(std::vector<Passage>& passages, const std::vector<OcrPageInfo>& ocr_pages) {
  for (auto& p : passages) {
    auto page = std::find_if(ocr_pages.begin(), ocr_pages.end(), [&](const OcrPageInfo& o) { return o.page == p.page; });
    if (page == ocr_pages.end()) continue;
    p.ocr = true;
    p.ocr_confidence = page->confidence;
  }
}

// Everything after extraction: metadata inference, passages, languages, entities, links, citations.
// tokens receives the tokens of each passage, made once here for every later step.
IndexedDocument analyse(const FileToPrepare& input, ExtractedDocument extracted, const ReferenceData& reference,
                        std::vector<std::vector<text::Token>>& tokens) {
  IndexedDocument doc;
  doc.meta = input.meta;
  auto& m = doc.meta;
  doc.pages = extracted.pages;
  if (m.title.empty()) m.title = !extracted.title.empty() ? extracted.title : input.file.stem().string();
  if (m.type.empty()) m.type = "other";
  if (m.date.empty()) m.date = extracted.created;
  if (m.years.empty() && !m.date.empty()) m.years = parse_years(m.date);
  if (m.jurisdiction.empty()) m.jurisdiction = "INT";

  doc.passages = segment_passages(extracted.blocks);
  doc.ocr_pages = extracted.ocr_pages;
  mark_ocr_passages(doc.passages, doc.ocr_pages);
  if (m.language.empty()) {
    std::string sample;
    for (const auto& p : doc.passages) {
      if (sample.size() > 20000) break;
      sample += p.text + "\n";
    }
    m.language = detect_language(sample, extracted.language_hint).language;
    if (m.language.empty()) m.language = text::is_supported_language(extracted.language_hint) ? extracted.language_hint : "en";
  }

  const EntityFinder* entities = reference.entities ? &*reference.entities : nullptr;
  const WorkPlanLinker* linker = reference.linker ? &*reference.linker : nullptr;
  std::set<std::string> countries, orgs;
  tokens.clear();
  tokens.reserve(doc.passages.size());
  for (auto& p : doc.passages) {
    const auto& words = tokens.emplace_back(text::tokenize(p.text));
    p.language = m.language;
    if (p.text.size() >= 40) {
      LanguageGuess g = detect_language(p.text, m.language);
      if (!g.language.empty() && (g.reliable || p.text.size() > 200)) p.language = g.language;
    }
    if (entities) {
      p.countries = entities->countries(p.text, words);
      p.orgs = entities->organizations(p.text, words);
      countries.insert(p.countries.begin(), p.countries.end());
      orgs.insert(p.orgs.begin(), p.orgs.end());
    }
    auto cite = [&p](std::vector<FoundSymbol> found) {
      for (auto& s : found) {
        p.symbols.push_back(std::move(s.key));
        p.cited_symbols.push_back(std::move(s.written));
      }
    };
    cite(find_symbols(p.text));
    cite(find_conclusion_references(p.text, words));
  }
  // Links last: a report's section tells what its passages answer.
  if (linker) {
    auto links = linker->link_document(doc.passages, tokens, m.type);
    for (size_t i = 0; i < doc.passages.size(); ++i) doc.passages[i].links = std::move(links[i]);
  }
  for (auto& p : doc.passages) {
    apply_reviews(p, input.reviews);
    if (reference.plan) set_pillars(p, *reference.plan);
  }
  doc.countries.assign(countries.begin(), countries.end());
  doc.orgs.assign(orgs.begin(), orgs.end());
  return doc;
}

}  // namespace

std::unique_ptr<ReferenceData> load_reference_data(const fs::path& folder, std::vector<std::string>& warnings) {
  auto data = std::make_unique<ReferenceData>();
  data->folder = folder;
  if (auto p = folder / "workplan.xml"; fs::exists(p)) {
    auto loaded = load_workplan(p);
    if (loaded) data->plan = loaded.value();
    else warnings.push_back(loaded.error().message);
  }
  if (auto p = folder / "thesaurus.xml"; fs::exists(p)) {
    auto loaded = load_thesaurus(p);
    if (loaded) data->concepts = loaded.value();
    else warnings.push_back(loaded.error().message);
  }
  {
    auto loaded = EntityFinder::load(folder / "countries.xml", folder / "organizations.xml");
    if (loaded) data->entities = std::move(loaded.value());
    else warnings.push_back(loaded.error().message);
  }
  if (data->plan) data->linker.emplace(*data->plan, data->concepts);
  if (auto p = folder / "linker-model.xml"; data->linker && fs::exists(p)) {
    auto loaded = read_linker_model(p);
    if (loaded) data->linker->use_model(std::move(loaded.value()));
    else warnings.push_back(loaded.error().message + " (links are made by the hand-set rules)");
  }
  return data;
}

fs::path ocr_cache_beside(const fs::path& db) {
  fs::path folder = db.lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();  // "index/"
  return folder.parent_path() / (folder.filename().string() + ".ocr-cache");
}

Result<AnalysedFile> analyse_file(const FileToPrepare& input, const ReferenceData& reference,
                                  const ExtractorRegistry& registry, const ExtractionOptions& extraction) {
  FileFormat format = detect_format(input.file);
  const Extractor& extractor = registry.for_format(format);
  ExtractionHints hints;
  hints.language = input.meta.language;
  hints.ocr_cache = extraction.ocr_cache;
  Result<ExtractedDocument> extracted = extraction.sandbox ? extract_sandboxed(extractor, input.file, extraction.limits, hints)
                                                           : extractor.extract(input.file, hints);
  if (!extracted) return extracted.error();
  try {
    AnalysedFile out;
    out.document = analyse(input, std::move(extracted.value()), reference, out.tokens);
    IndexedDocument& doc = out.document;
    doc.file.path = fs::absolute(input.file).string();
    doc.file.name = input.file_name.empty() ? input.file.filename().string() : input.file_name;
    doc.file.content_type = content_type_of(format);
    doc.file.size = static_cast<long long>(fs::file_size(input.file));
    doc.file.hash = input.signature;
    if (doc.passages.empty()) return Error{ErrorCode::kInvalidArgument, "no text found"};
    return out;
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("analysis failed: ") + e.what()};
  }
}

Result<PreparedDocument> prepare_file(const FileToPrepare& input, const ReferenceData& reference,
                                      const ExtractorRegistry& registry, const ExtractionOptions& extraction) {
  auto analysed = analyse_file(input, reference, registry, extraction);
  if (!analysed) return analysed.error();
  try {
    return prepare_document(std::move(analysed.value().document), analysed.value().tokens);
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("analysis failed: ") + e.what()};
  }
}

}  // namespace atip
