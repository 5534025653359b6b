// atip-index: argument parsing and reporting around run_index(); no indexing logic here.
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "atip/version.h"
#include "pipeline.h"

namespace {

const char* kUsage =
    "Usage: atip-index --corpus DIR --db DIR [--jobs N] [--reference DIR] [--timeout SECONDS]\n"
    "\n"
    "Indexes the documents (PDF, HTML, plain text) under DIR into a Xapian database.\n"
    "A second run re-indexes only what changed and drops what was removed; the run is\n"
    "committed at once, so readers never see half of it.\n"
    "\n"
    "  --corpus DIR      folder of documents; <name>.meta.xml sidecars and MANIFEST.tsv\n"
    "                    files give metadata; workplan.xml, thesaurus.xml, countries.xml\n"
    "                    and organizations.xml beside the documents are used when present\n"
    "  --db DIR          the index to create or update\n"
    "  --reference DIR   where workplan.xml, thesaurus.xml, countries.xml and\n"
    "                    organizations.xml are (default: the corpus folder)\n"
    "  --jobs N          extract and analyse N files at once (default: 1)\n"
    "  --timeout SECONDS per-file limit for extraction (default: 60 s CPU, 1.5x wall)\n"
    "  --ocr-cache DIR   where text read by OCR is kept (default: <db>.ocr-cache)\n"
    "  --no-sandbox      extract in this process instead of a child process per file\n"
    "  --quiet           print only the summary and skipped files\n"
    "  --version         show the version and the commit built\n"
    "  --help            show this help\n"
    "\n"
    "Options take their value as '--jobs 2' or '--jobs=2'.\n"
    "\n"
    "Exit status: 0 all indexed, 1 some files skipped, 2 nothing usable or an error.\n";

std::string format_eta(double seconds) {
  if (seconds < 0 || seconds > 1e6) return "--:--";
  int s = static_cast<int>(seconds + 0.5);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", s / 60, s % 60);
  return buf;
}

// A whole-string number from min to max; anything else ("4x", "") is an error.
int whole_number(const std::string& name, const std::string& text, int min, int max) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    std::cerr << "atip-index: " << name << " takes a whole number from " << min << " to " << max << ", not '"
              << text.substr(0, 40) << "'\n";
    std::exit(2);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  atip::IndexOptions options;
  bool quiet = false;
  // Both spellings, "--name value" and "--name=value".
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    size_t eq = a.find('=');
    if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
      args.push_back(a.substr(0, eq));
      args.push_back(a.substr(eq + 1));
    } else {
      args.push_back(a);
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= args.size()) {
        std::cerr << "atip-index: " << name << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return args[++i];
    };
    {
      if (a == "--help" || a == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (a == "--version") {
        std::cout << "atip-index " << atip::kVersion << " (" << atip::kCommit << ")\n";
        return 0;
      } else if (a == "--corpus") {
        options.corpus = value("--corpus");
      } else if (a == "--reference") {
        options.reference = value("--reference");
      } else if (a == "--db") {
        options.db = value("--db");
      } else if (a == "--jobs" || a == "-j") {
        options.jobs = whole_number("--jobs", value("--jobs"), 1, 256);
      } else if (a == "--timeout") {
        options.limits.cpu_seconds = whole_number("--timeout", value("--timeout"), 1, 86400);
        options.limits.wall_seconds = options.limits.cpu_seconds * 3 / 2 + 1;
      } else if (a == "--ocr-cache") {
        options.ocr_cache = value("--ocr-cache");
      } else if (a == "--no-sandbox") {
        options.sandbox = false;
      } else if (a == "--quiet" || a == "-q") {
        quiet = true;
      } else {
        std::cerr << "atip-index: unknown option '" << a << "'\n" << kUsage;
        return 2;
      }
    }
  }
  if (options.corpus.empty() || options.db.empty()) {
    std::cerr << "atip-index: --corpus and --db are required\n" << kUsage;
    return 2;
  }
  if (options.jobs < 1 || options.jobs > 256) {
    std::cerr << "atip-index: --jobs must be between 1 and 256\n";
    return 2;
  }

  const bool tty = isatty(STDERR_FILENO);
  auto on_progress = [&](const atip::Progress& p) {
    if (quiet) return;
    double rate = p.seconds > 0 ? p.pages / p.seconds : 0;
    double eta = p.done > 0 ? p.seconds / p.done * (p.total - p.done) : -1;
    if (tty) {
      const int width = 30;
      int filled = p.total ? width * p.done / p.total : width;
      std::string bar(filled, '#');
      bar.resize(width, '.');
      std::fprintf(stderr, "\r[%s] %d/%d files  %.0f pages/s  ETA %s  ", bar.c_str(), p.done, p.total, rate,
                   format_eta(eta).c_str());
      if (p.done == p.total) std::fputc('\n', stderr);
    } else {
      std::fprintf(stderr, "%s %d/%d %s\n", p.skipped ? "skipped" : "indexed", p.done, p.total, p.current.c_str());
    }
  };

  atip::IndexReport report = atip::run_index(options, on_progress);
  for (const auto& w : report.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  for (const auto& s : report.skipped) std::fprintf(stderr, "skipped: %s: %s\n", s.path.c_str(), s.reason.c_str());
  if (!report.fatal.empty()) {
    std::fprintf(stderr, "atip-index: %s\n", report.fatal.c_str());
    return 2;
  }
  std::printf(
      "atip-index: %d files: %d indexed (%d passages, %d pages), %d unchanged, %d removed, %zu skipped; "
      "revision %lld; %.2f s\n",
      report.files, report.indexed, report.passages, report.pages, report.unchanged, report.removed,
      report.skipped.size(), report.revision, report.seconds);
  if (report.ocr_pages > 0) {
    std::printf("atip-index: %d pages read by OCR (%d of them from the OCR cache)\n", report.ocr_pages,
                report.ocr_pages_cached);
  }
  if (report.files == 0) {
    std::fprintf(stderr, "atip-index: no documents (PDF, HTML or text files) under %s\n", options.corpus.c_str());
    return 2;
  }
  if (report.skipped.empty()) return 0;
  if (report.indexed + report.unchanged == 0) return 2;
  return 1;
}
