// atip-index: argument parsing and reporting around run_index(); no indexing logic here.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include "atip/cli.h"
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


// Reads the command line into options; an exit status when the program is to stop here (--help,
// --version, a usage error).
std::optional<int> parse_arguments(int argc, char** argv, atip::IndexOptions& options, bool& quiet) {
  for (atip::cli::Arguments args(argc, argv); args.next();) {
    const std::string& a = args.name();
    auto value = [&]() -> std::string {
      auto v = args.value();
      if (!v) {
        std::cerr << "atip-index: " << a << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return *v;
    };
    auto number = [&](long long min, long long max) -> int {
      std::string text = value();
      auto v = atip::cli::whole_number(text, min, max);
      if (!v) {
        std::cerr << "atip-index: " << a << " takes a whole number from " << min << " to " << max << ", not '"
                  << text.substr(0, 40) << "'\n";
        std::exit(2);
      }
      return static_cast<int>(*v);
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << "atip-index " << atip::kVersion << " (" << atip::kCommit << ")\n";
      return 0;
    } else if (a == "--corpus") {
      options.corpus = value();
    } else if (a == "--reference") {
      options.reference = value();
    } else if (a == "--db") {
      options.db = value();
    } else if (a == "--jobs" || a == "-j") {
      options.jobs = number(1, 256);
    } else if (a == "--timeout") {
      options.limits.cpu_seconds = number(1, 86400);
      options.limits.wall_seconds = options.limits.cpu_seconds * 3 / 2 + 1;
    } else if (a == "--ocr-cache") {
      options.ocr_cache = value();
    } else if (a == "--no-sandbox") {
      options.sandbox = false;
    } else if (a == "--quiet" || a == "-q") {
      quiet = true;
    } else {
      std::cerr << "atip-index: unknown option '" << a << "'\n" << kUsage;
      return 2;
    }
  }
  if (options.corpus.empty() || options.db.empty()) {
    std::cerr << "atip-index: --corpus and --db are required\n" << kUsage;
    return 2;
  }
  return std::nullopt;
}

// A bar that redraws itself on a terminal; elsewhere (a log, a pipe) one plain line per file.
void show_progress(const atip::Progress& p, bool tty) {
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
}

// Prints what the run did; returns the exit status (0 all indexed, 1 some skipped, 2 nothing usable).
int report_run(const atip::IndexReport& report) {
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
  if (report.skipped.empty()) return 0;
  if (report.indexed + report.unchanged == 0) return 2;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  atip::IndexOptions options;
  bool quiet = false;
  if (auto status = parse_arguments(argc, argv, options, quiet)) return *status;
  const bool tty = isatty(STDERR_FILENO);
  return report_run(atip::run_index(options, [&](const atip::Progress& p) {
    if (!quiet) show_progress(p, tty);
  }));
}
