#include "pipeline.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "atip/document_indexer.h"
#include "document_preparer.h"
#include "store/document_builder.h"
#include "store/metadata_reader.h"

namespace atip {
namespace fs = std::filesystem;
namespace {

// Bump when analysis or the index's terms and values change (the field table's rows), so that a
// folder run re-indexes every document. 6: pillar terms and facet values, the legal grammar as data.
// 7: links of reports and laws by the learned model (corpus/linker-model.xml).
constexpr std::string_view kPipelineVersion = "atip-pipeline-7";

// How long a folder run waits for another writer (the archive, another run) to let go of the index.
constexpr int kLockWaitSeconds = 10;

// The reference data that analysis reads beside the documents (or in --reference): a change to any
// of them changes every document's links or entities, so it re-indexes every document.
constexpr std::array<std::string_view, 5> kReferenceFiles = {"workplan.xml", "thesaurus.xml", "countries.xml",
                                                             "organizations.xml", "linker-model.xml"};

// Files that belong beside the documents without being documents: sidecars, spreadsheets of
// metadata, the reference data and notes for people.
bool is_corpus_support_file(const fs::path& p) {
  const std::string name = p.filename().string();
  const bool reference = name == "legal-grammar.xml" ||
                         std::find(kReferenceFiles.begin(), kReferenceFiles.end(), name) != kReferenceFiles.end();
  return name.ends_with(".meta.xml") || reference || p.extension() == ".tsv" || name.starts_with("README") ||
         name.starts_with("PROVENANCE") || name.starts_with("LICENSE");
}

struct Job {
  fs::path file;
  DocumentMetadata meta;  // from sidecar or manifest; id always set
  std::vector<LinkReview> reviews;
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

void hash_file(XXH3_state_t* state, const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) XXH3_64bits_update(state, buf, static_cast<size_t>(in.gcount()));
}

// What the reference folder's data is, in one hash (absent files count as empty).
std::string reference_digest(const fs::path& folder) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  for (auto name : kReferenceFiles) {
    XXH3_64bits_update(state, name.data(), name.size());
    if (fs::exists(folder / name)) hash_file(state, folder / name);
  }
  auto h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return hex64(h);
}

// A document's signature: its file, its metadata, the reference data and the pipeline's version.
std::string signature_of(const fs::path& file, const std::string& metadata_bytes, const std::string& reference) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  hash_file(state, file);
  XXH3_64bits_update(state, metadata_bytes.data(), metadata_bytes.size());
  XXH3_64bits_update(state, reference.data(), reference.size());
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

// The document files under the corpus folder, sorted, and the metadata of each folder's MANIFEST.tsv;
// files of no supported format are skips.
struct CorpusFiles {
  std::vector<fs::path> documents;
  std::map<fs::path, std::map<std::string, DocumentMetadata>> manifests;  // folder -> file name -> metadata
};

CorpusFiles find_files(const fs::path& corpus, IndexReport& report) {
  CorpusFiles found;
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
        found.manifests[p.parent_path()] = std::move(rows.value());
      } else {
        report.warnings.push_back(p.string() + ": " + rows.error().message);
      }
      continue;
    }
    if (is_document_file(p)) {
      found.documents.push_back(p);
    } else if (!is_corpus_support_file(p)) {
      report.skipped.push_back({p.string(), "unsupported format ('" + p.extension().string() +
                                                "'): PDF, HTML and plain text are indexed"});
    }
  }
  std::sort(found.documents.begin(), found.documents.end());
  return found;
}

// A file's job: its metadata from its sidecar, else its folder's manifest, else its name; a reason
// to skip it instead when its sidecar is invalid or no valid id can be made.
Result<Job> job_for(const fs::path& f, const CorpusFiles& found, const std::string& reference) {
  Job job;
  job.file = f;
  std::string metadata_bytes;
  fs::path sidecar = sidecar_path(f);
  if (fs::exists(sidecar)) {
    auto meta = read_sidecar(sidecar);
    if (!meta) return invalid_argument("invalid sidecar: " + meta.error().message);
    job.meta = meta.value();
    job.has_metadata = true;
    metadata_bytes = read_file(sidecar);
  } else if (auto mf = found.manifests.find(f.parent_path());
             mf != found.manifests.end() && mf->second.count(f.filename().string())) {
    job.meta = mf->second.at(f.filename().string());
    job.has_metadata = true;
    metadata_bytes = manifest_row_bytes(job.meta);
  }
  if (job.meta.id.empty()) job.meta.id = id_from_stem(f);
  if (!is_valid_document_id(job.meta.id)) return invalid_argument("cannot make a valid document id from the file name");
  job.signature = signature_of(f, metadata_bytes, reference);
  return job;
}

// Files to index with their metadata; problems (duplicate ids, bad sidecars) become skips.
// reference: reference_digest of the reference folder.
std::vector<Job> collect_jobs(const fs::path& corpus, const std::string& reference, IndexReport& report) {
  const CorpusFiles found = find_files(corpus, report);
  std::vector<Job> jobs;
  std::set<std::string> ids;
  for (const auto& f : found.documents) {
    auto job = job_for(f, found, reference);
    if (!job) {
      report.skipped.push_back({f.string(), job.error().message});
    } else if (!ids.insert(job.value().meta.id).second) {
      report.skipped.push_back({f.string(), "duplicate document id '" + job.value().meta.id + "'"});
    } else {
      jobs.push_back(std::move(job.value()));
    }
  }
  return jobs;
}

// Which files need indexing (not unchanged, not the archive's), with the verdicts on their links;
// removes from the index the documents whose files are gone. Reads here: workers never touch the index.
Result<std::vector<Job>> plan_jobs(IndexSession& session, std::vector<Job> all_jobs, IndexReport& report) {
  std::set<std::string> present;
  std::vector<Job> jobs;
  for (auto& j : all_jobs) {
    present.insert(j.meta.id);
    auto archived = session.belongs_to_archive(j.meta.id);
    if (!archived) return archived.error();
    if (archived.value()) {
      // Added over the API: the archive keeps its versions; a file of the same id here does not replace it.
      report.skipped.push_back({j.file.string(), "document id '" + j.meta.id +
                                                     "' belongs to the archive (written over the API); not replaced"});
      continue;
    }
    auto signature = session.signature(j.meta.id);
    if (!signature) return signature.error();
    if (signature.value() == j.signature) {
      ++report.unchanged;
      continue;
    }
    auto reviews = session.link_reviews(j.meta.id);
    if (!reviews) return reviews.error();
    j.reviews = std::move(reviews.value());
    jobs.push_back(std::move(j));
  }
  auto ids = session.document_ids();
  if (!ids) return ids.error();
  for (const auto& id : ids.value()) {
    if (present.count(id)) continue;
    // Documents written over the API have no file in the corpus folder: they are not purged.
    auto archived = session.belongs_to_archive(id);
    if (!archived) return archived.error();
    if (archived.value()) continue;
    if (auto removed = session.remove_document(id); !removed) return removed.error();
    ++report.removed;
  }
  return jobs;
}

// Documents prepared by worker threads, handed to the one writer in file order. Workers stay at most
// `ahead` files ahead of the writer: prepared documents waiting to be written are what memory holds,
// and behind a slower writer they would pile up to the whole corpus.
class PreparedInOrder {
 public:
  PreparedInOrder(size_t count, size_t ahead) : results_(count), ahead_(ahead) {}

  // The next file for a worker to prepare; nullopt when none is left.
  std::optional<size_t> next_job() {
    std::unique_lock lock(mutex_);
    if (next_ >= results_.size()) return std::nullopt;
    const size_t i = next_++;
    room_.wait(lock, [&] { return i < taken_ + ahead_; });
    return i;
  }
  void put(size_t i, Result<PreparedDocument> result) {
    {
      std::lock_guard lock(mutex_);
      results_[i].emplace(std::move(result));
    }
    ready_.notify_all();
  }
  // Waits for file i to be prepared.
  Result<PreparedDocument> take(size_t i) {
    std::optional<Result<PreparedDocument>> r;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return results_[i].has_value(); });
      r = std::move(results_[i]);
      results_[i].reset();
      taken_ = i + 1;
    }
    room_.notify_all();
    return std::move(*r);
  }

 private:
  std::vector<std::optional<Result<PreparedDocument>>> results_;
  const size_t ahead_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a result is there for the writer
  std::condition_variable room_;   // the writer took one: workers may go further ahead
  size_t next_ = 0;
  size_t taken_ = 0;  // results the writer has taken
};

// Writes one prepared document, or records why its file is skipped. After a failed write nothing
// more is written: part of that document may be in the session, which is then never committed.
void write_prepared(IndexSession& session, const Job& job, const Result<PreparedDocument>& r, IndexReport& report) {
  if (!r.ok()) {
    report.skipped.push_back({job.file.string(), r.error().message});
    return;
  }
  if (!report.fatal.empty()) return;
  const PreparedDocument& doc = r.value();
  if (auto written = session.write(doc); !written) {
    report.fatal = "cannot write " + job.file.string() + " to the index: " + written.error().message;
    return;
  }
  ++report.indexed;
  report.passages += doc.passage_count;
  report.pages += doc.pages;
  report.ocr_pages += doc.ocr_pages;
  report.ocr_pages_cached += doc.ocr_pages_cached;
}

// Workers extract and analyse; this thread writes, in file order.
void prepare_and_write(IndexSession& session, const std::vector<Job>& jobs, const AnalysisResources& analysis,
                       const IndexOptions& options, IndexReport& report, const std::function<void(Progress&)>& on_progress) {
  ExtractorRegistry registry;
  const ExtractionOptions extraction{options.sandbox, options.limits,
                                     options.ocr_cache.empty() ? ocr_cache_beside(options.db) : options.ocr_cache};
  const int workers = std::max(1, options.jobs);
  PreparedInOrder prepared(jobs.size(), 2 * static_cast<size_t>(workers) + 2);
  std::vector<std::thread> threads;
  for (int t = 0; t < workers; ++t) {
    threads.emplace_back([&] {
      while (auto i = prepared.next_job()) {
        const Job& job = jobs[*i];
        prepared.put(*i, prepare_file({job.file, job.meta, "", job.signature, job.reviews}, analysis.data(), registry, extraction));
      }
    });
}
Progress progress;
progress.total = static_cast<int>(jobs.size());
for (size_t i = 0; i < jobs.size(); ++i) {
  Result<PreparedDocument> r = prepared.take(i);
  progress.skipped = !r.ok();
  write_prepared(session, jobs[i], r, report);
  progress.done = static_cast<int>(i + 1);
  progress.pages = report.pages;
  progress.current = jobs[i].file.filename().string();
  on_progress(progress);
}
for (auto& t : threads) t.join();
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
  const fs::path reference_folder = fs::absolute(options.reference.empty() ? options.corpus : options.reference);
  std::shared_ptr<const AnalysisResources> analysis = AnalysisResources::load(reference_folder, report.warnings);

  std::vector<Job> all_jobs = collect_jobs(fs::absolute(options.corpus), reference_digest(reference_folder), report);
  report.files = static_cast<int>(all_jobs.size() + report.skipped.size());
  // An empty folder (a mount that is missing, say) must not empty the index.
  if (report.files == 0) {
    report.fatal = "no documents (PDF, HTML or text files) under " + options.corpus.string() +
                   "; the index is left as it was";
    return report;
  }

  IndexSessionOptions session_options;
  session_options.lock_wait_seconds = kLockWaitSeconds;
  auto opened = IndexSession::open(options.db, session_options);
  if (!opened) {
    report.fatal = opened.error().message;
    return report;
  }
  IndexSession& session = *opened.value();
  auto give_up = [&](const Error& e) {
    session.abandon();
    report.fatal = e.message;
    report.seconds = elapsed();
    return report;
  };

  auto plan = plan_jobs(session, std::move(all_jobs), report);
  if (!plan) return give_up(plan.error());
  std::vector<Job>& jobs = plan.value();

  prepare_and_write(session, jobs, *analysis, options, report, [&](Progress& p) {
    p.seconds = elapsed();
    if (on_progress) on_progress(p);
  });
  if (report.fatal.empty() && report.indexed + report.unchanged == 0) {
    report.fatal = "nothing usable: every file was skipped; the index is left as it was";
  }
  if (!report.fatal.empty()) return give_up(Error{ErrorCode::kInternal, report.fatal});
  if (auto recorded = session.record_reference(*analysis); !recorded) return give_up(recorded.error());
  auto committed = session.commit();
  if (!committed) {
    report.fatal = committed.error().message;
  } else {
    report.revision = committed.value();
  }
  report.seconds = elapsed();
  return report;
}

}  // namespace atip
