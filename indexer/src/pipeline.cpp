#include "pipeline.h"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "analyze/entity_finder.h"
#include "analyze/passage_segmenter.h"
#include "analyze/thesaurus.h"
#include "atip/language.h"
#include "atip/symbols.h"
#include "atip/text.h"
#include "link/workplan.h"
#include "link/workplan_linker.h"
#include "store/document_builder.h"
#include "store/index_writer.h"
#include "store/metadata_reader.h"

namespace atip {
namespace fs = std::filesystem;
namespace {

// Bump when analysis changes so that every document is re-indexed.
constexpr std::string_view kPipelineVersion = "atip-pipeline-3";

struct Job {
  fs::path file;
  DocumentMetadata meta;  // from sidecar or manifest; id always set
  bool has_metadata = false;
  std::string signature;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string hex64(XXH64_hash_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string signature_of(const fs::path& file, const std::string& metadata_bytes) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::ifstream in(file, std::ios::binary);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) XXH3_64bits_update(state, buf, static_cast<size_t>(in.gcount()));
  XXH3_64bits_update(state, metadata_bytes.data(), metadata_bytes.size());
  XXH3_64bits_update(state, kPipelineVersion.data(), kPipelineVersion.size());
  auto h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return hex64(h);
}

std::string manifest_row_bytes(const DocumentMetadata& m) {
  std::string s = m.id + "\t" + m.title + "\t" + m.type + "\t" + m.date + "\t" + m.jurisdiction + "\t" + m.language;
  for (const auto& sym : m.symbols) s += "\t" + sym;
  for (int y : m.years) s += "\t" + std::to_string(y);
  return s;
}

struct Analysis {
  const WorkPlanLinker* linker = nullptr;
  const EntityFinder* entities = nullptr;
};

// Everything after extraction: metadata inference, passages, languages, entities, links, citations.
// tokens receives the tokens of each passage, made once here for every later step.
IndexedDocument analyse(const Job& job, ExtractedDocument extracted, const Analysis& analysis,
                        std::vector<std::vector<text::Token>>& tokens) {
  IndexedDocument doc;
  doc.meta = job.meta;
  auto& m = doc.meta;
  doc.pages = extracted.pages;
  if (m.title.empty()) m.title = !extracted.title.empty() ? extracted.title : job.file.stem().string();
  if (m.type.empty()) m.type = "other";
  if (m.date.empty()) m.date = extracted.created;
  if (m.years.empty() && !m.date.empty()) m.years = parse_years(m.date);
  if (m.jurisdiction.empty()) m.jurisdiction = "INT";

  doc.passages = segment_passages(extracted.blocks);
  if (m.language.empty()) {
    std::string sample;
    for (const auto& p : doc.passages) {
      if (sample.size() > 20000) break;
      sample += p.text + "\n";
    }
    m.language = detect_language(sample, extracted.language_hint).language;
    if (m.language.empty()) m.language = text::is_supported_language(extracted.language_hint) ? extracted.language_hint : "en";
  }

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
    if (analysis.entities) {
      p.countries = analysis.entities->countries(words);
      p.orgs = analysis.entities->organizations(p.text, words);
      countries.insert(p.countries.begin(), p.countries.end());
      orgs.insert(p.orgs.begin(), p.orgs.end());
    }
    for (auto& s : find_symbols(p.text)) {
      p.symbols.push_back(s.key);
      p.cited_symbols.push_back(s.written);
    }
    if (analysis.linker) p.links = analysis.linker->link(p, words);
  }
  doc.countries.assign(countries.begin(), countries.end());
  doc.orgs.assign(orgs.begin(), orgs.end());
  return doc;
}

// Files to index with their metadata; problems (duplicate ids, bad sidecars) become skips.
std::vector<Job> collect_jobs(const fs::path& corpus, IndexReport& report) {
  std::vector<fs::path> files;
  std::map<fs::path, std::map<std::string, DocumentMetadata>> manifests;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           corpus, fs::directory_options::skip_permission_denied | fs::directory_options::follow_directory_symlink, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (p.filename().string().starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it.depth() > 16) {
      it.disable_recursion_pending();  // symlink loops
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (p.filename() == "MANIFEST.tsv") {
      auto rows = read_manifest(p);
      if (rows) {
        manifests[p.parent_path()] = std::move(rows.value());
      } else {
        report.warnings.push_back(p.string() + ": " + rows.error().message);
      }
      continue;
    }
    if (is_document_file(p)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());

  std::vector<Job> jobs;
  std::set<std::string> ids;
  for (const auto& f : files) {
    Job job;
    job.file = f;
    std::string metadata_bytes;
    fs::path sidecar = sidecar_path(f);
    if (fs::exists(sidecar)) {
      auto meta = read_sidecar(sidecar);
      if (!meta) {
        report.skipped.push_back({f.string(), "invalid sidecar: " + meta.error().message});
        continue;
      }
      job.meta = meta.value();
      job.has_metadata = true;
      metadata_bytes = read_file(sidecar);
    } else if (auto mf = manifests.find(f.parent_path()); mf != manifests.end() && mf->second.count(f.filename().string())) {
      job.meta = mf->second.at(f.filename().string());
      job.has_metadata = true;
      metadata_bytes = manifest_row_bytes(job.meta);
    }
    if (job.meta.id.empty()) job.meta.id = id_from_stem(f);
    if (!is_valid_document_id(job.meta.id)) {
      report.skipped.push_back({f.string(), "cannot make a valid document id from the file name"});
      continue;
    }
    if (!ids.insert(job.meta.id).second) {
      report.skipped.push_back({f.string(), "duplicate document id '" + job.meta.id + "'"});
      continue;
    }
    job.signature = signature_of(f, metadata_bytes);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

}  // namespace

IndexReport run_index(const IndexOptions& options, const std::function<void(const Progress&)>& on_progress) {
  IndexReport report;
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };

  if (!fs::is_directory(options.corpus)) {
    report.fatal = "corpus folder not found: " + options.corpus.string();
    return report;
  }

  // Reference data beside the documents (or in --reference); each is optional.
  const fs::path reference = options.reference.empty() ? options.corpus : options.reference;
  std::optional<WorkPlan> plan;
  if (auto p = reference / "workplan.xml"; fs::exists(p)) {
    auto loaded = load_workplan(p);
    if (loaded) plan = loaded.value();
    else report.warnings.push_back(loaded.error().message);
  }
  std::vector<Concept> concepts;
  if (auto p = reference / "thesaurus.xml"; fs::exists(p)) {
    auto loaded = load_thesaurus(p);
    if (loaded) concepts = loaded.value();
    else report.warnings.push_back(loaded.error().message);
  }
  std::optional<EntityFinder> entities;
  {
    auto loaded = EntityFinder::load(reference / "countries.xml", reference / "organizations.xml");
    if (loaded) entities = std::move(loaded.value());
    else report.warnings.push_back(loaded.error().message);
  }
  std::optional<WorkPlanLinker> linker;
  if (plan) linker.emplace(*plan, concepts);
  Analysis analysis{linker ? &*linker : nullptr, entities ? &*entities : nullptr};

  std::vector<Job> all_jobs = collect_jobs(fs::absolute(options.corpus), report);
  report.files = static_cast<int>(all_jobs.size() + report.skipped.size());

  auto opened = IndexWriter::open(options.db);
  if (!opened) {
    report.fatal = opened.error().message;
    return report;
  }
  IndexWriter& writer = *opened.value();

  std::set<std::string> present;
  std::vector<Job> jobs;
  for (auto& j : all_jobs) {
    present.insert(j.meta.id);
    if (writer.signature(j.meta.id) == j.signature) {
      ++report.unchanged;
    } else {
      jobs.push_back(std::move(j));
    }
  }
  for (const auto& id : writer.document_ids()) {
    if (!present.count(id)) {
      writer.remove_document(id);
      ++report.removed;
    }
  }

  // Workers extract and analyse; this thread writes, in file order.
  ExtractorRegistry registry;
  std::vector<std::optional<Result<PreparedDocument>>> results(jobs.size());
  std::mutex mutex;
  std::condition_variable ready;
  size_t next = 0;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::lock_guard lock(mutex);
        if (next >= jobs.size()) return;
        i = next++;
      }
      const Job& job = jobs[i];
      FileFormat format = detect_format(job.file);
      const Extractor& extractor = registry.for_format(format);
      Result<ExtractedDocument> extracted = options.sandbox ? extract_sandboxed(extractor, job.file, options.limits)
                                                            : extractor.extract(job.file);
      std::optional<Result<PreparedDocument>> r;
      if (!extracted) {
        r.emplace(extracted.error());
      } else {
        try {
          std::vector<std::vector<text::Token>> tokens;
          IndexedDocument doc = analyse(job, std::move(extracted.value()), analysis, tokens);
          doc.file.path = fs::absolute(job.file).string();
          doc.file.name = job.file.filename().string();
          doc.file.content_type = content_type_of(format);
          doc.file.size = static_cast<long long>(fs::file_size(job.file));
          doc.file.hash = job.signature;
          if (doc.passages.empty()) {
            r.emplace(Error{ErrorCode::kInvalidArgument, "no text found"});
          } else {
            r.emplace(prepare_document(std::move(doc), tokens));
          }
        } catch (const std::exception& e) {
          r.emplace(Error{ErrorCode::kInternal, std::string("analysis failed: ") + e.what()});
        }
      }
      {
        std::lock_guard lock(mutex);
        results[i] = std::move(r);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  int jobs_count = std::max(1, options.jobs);
  for (int t = 0; t < jobs_count; ++t) threads.emplace_back(worker);

  Progress progress;
  progress.total = static_cast<int>(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::optional<Result<PreparedDocument>> r;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      r = std::move(results[i]);
      results[i].reset();
    }
    if (!r->ok()) {
      report.skipped.push_back({jobs[i].file.string(), r->error().message});
    } else {
      const PreparedDocument& doc = r->value();
      writer.replace_document(doc);
      ++report.indexed;
      report.passages += doc.passage_count;
      report.pages += doc.pages;
    }
    progress.done = static_cast<int>(i + 1);
    progress.pages = report.pages;
    progress.seconds = elapsed();
    progress.current = jobs[i].file.filename().string();
    if (on_progress) on_progress(progress);
  }
  for (auto& t : threads) t.join();

  if (plan) writer.set_workplan(workplan_to_json(*plan));
  writer.set_thesaurus(concepts);
  auto committed = writer.commit();
  if (!committed) {
    report.fatal = committed.error().message;
  } else {
    report.revision = committed.value();
  }
  report.seconds = elapsed();
  return report;
}

}  // namespace atip
