// Fuzzes the query path: raw query-string bytes -> parameters -> SearchRequest -> Xapian query
// -> search over a small real index. Any answer is fine; a crash, a hang or a 5xx is not.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/handlers.h"
#include "pipeline.h"

namespace {

struct Fixture {
  std::filesystem::path root;
  std::unique_ptr<atip::SearchService> service;
  atip::ServerConfig config;
  atip::http::Metrics metrics;
  std::unique_ptr<atip::api::AppContext> ctx;

  Fixture() {
    root = std::filesystem::temp_directory_path() / ("atip-fuzz-" + std::to_string(::getpid()));
    atip::IndexOptions options;
    options.corpus = ATIP_SOURCE_DIR "/corpus";
    options.db = root / "index";
    auto report = atip::run_index(options);
    if (!report.fatal.empty()) {
      std::fprintf(stderr, "fuzz_search_params: cannot index the corpus: %s\n", report.fatal.c_str());
      std::abort();
    }
    service = std::make_unique<atip::SearchService>(atip::SearchServiceOptions{options.db.string(), 0.2, 1000});
    ctx = std::make_unique<atip::api::AppContext>(atip::api::AppContext{*service, config, metrics});
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  atip::http::Request req;
  req.method = "GET";
  req.path = "/api/v1/search";
  // name=value pairs separated by '&', taken as already decoded bytes.
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('&', start);
    if (end == std::string::npos) end = input.size();
    std::string pair = input.substr(start, end - start);
    size_t eq = pair.find('=');
    if (eq == std::string::npos) req.query.emplace_back("q", pair);
    else req.query.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    start = end + 1;
  }
  atip::http::Response r = atip::api::search(*fixture().ctx, req);
  if (r.status >= 500) {
    std::fprintf(stderr, "fuzz_search_params: %d for this input: %s\n", r.status, r.body.c_str());
    std::abort();
  }
  return 0;
}
