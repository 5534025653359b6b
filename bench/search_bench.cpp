// Query latency through SearchService directly and over HTTP (a real atip server on a loopback
// port), in one run, with their ratio; then throughput with concurrent HTTP clients.
// Usage: search_bench [--corpus DIR]... [--reference DIR] [--rounds N] [--clients N] [--seconds S]
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "atip/server/http_server.h"
#include "atip/server/search_service.h"
#include "pipeline.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct QueryCase {
  const char* kind;
  atip::SearchRequest request;
  std::string uri;
};

std::string encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out.push_back(static_cast<char>(c));
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

QueryCase make_case(const char* kind, const std::string& q, std::vector<std::pair<std::string, std::string>> filters = {}) {
  QueryCase c;
  c.kind = kind;
  c.request.q = q;
  c.uri = "/api/v1/search?q=" + encode(q);
  for (auto& [k, v] : filters) {
    c.request.filters[k].push_back(v);
    c.uri += "&" + k + "=" + encode(v);
  }
  return c;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

bool http_get(Poco::Net::HTTPClientSession& session, const std::string& uri, std::string& body) {
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setKeepAlive(true);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  body.clear();
  Poco::StreamCopier::copyToString(in, body);
  return response.getStatus() == 200;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> corpora;
  fs::path reference;
  fs::path existing_db;  // --db: measure this index instead of indexing the corpora
  int rounds = 30, clients = 16;
  double seconds = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--corpus" && i + 1 < argc) corpora.push_back(argv[++i]);
    else if (a == "--reference" && i + 1 < argc) reference = argv[++i];
    else if (a == "--db" && i + 1 < argc) existing_db = argv[++i];
    else if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
    else if (a == "--clients" && i + 1 < argc) clients = std::stoi(argv[++i]);
    else if (a == "--seconds" && i + 1 < argc) seconds = std::stod(argv[++i]);
    else {
      std::fprintf(stderr,
                   "usage: search_bench [--corpus DIR]... [--db INDEX] [--reference DIR] [--rounds N] [--clients N] "
                   "[--seconds S]\n");
      return 2;
    }
  }
  if (corpora.empty()) corpora.push_back("corpus");
  if (reference.empty()) reference = corpora.front();

  fs::path root = fs::temp_directory_path() / ("atip-bench-" + std::to_string(std::random_device{}()));
  fs::create_directories(root);
  fs::path db = existing_db.empty() ? root / "index" : existing_db;
  long long passages = 0;
  if (existing_db.empty()) {
    // One corpus folder of links to every folder given, indexed in one run.
    fs::path combined = root / "corpus";
    fs::create_directories(combined);
    for (size_t i = 0; i < corpora.size(); ++i) {
      fs::create_directory_symlink(fs::absolute(corpora[i]), combined / ("part" + std::to_string(i)));
    }
    atip::IndexOptions options;
    options.corpus = combined;
    options.db = db;
    options.reference = reference;
    options.jobs = 2;
    auto report = atip::run_index(options);
    if (!report.fatal.empty()) {
      std::fprintf(stderr, "indexing failed: %s\n", report.fatal.c_str());
      return 1;
    }
    passages = report.passages;
  } else {
    atip::SearchService probe(atip::SearchServiceOptions{db.string(), 0.5, 1000});
    auto health = probe.health();
    if (!health) {
      std::fprintf(stderr, "cannot open %s: %s\n", db.c_str(), health.error().message.c_str());
      return 1;
    }
    passages = health.value().passages;
  }

  std::vector<QueryCase> cases = {
      make_case("one term", "victims"),
      make_case("one term", "police"),
      make_case("two terms", "border controls"),
      make_case("two terms", "forced labour"),
      make_case("phrase", "\"trafficking in persons\""),
      make_case("phrase", "\"national point of contact\""),
      make_case("filters", "victims", {{"type", "law"}, {"language", "es"}}),
      make_case("filters", "protection", {{"year", "2010..2014"}}),
      make_case("facets only", "", {{"jurisdiction", "INT"}}),
      make_case("cross-language", "trata de personas"),
      make_case("cross-language", "traite des personnes"),
  };

  atip::SearchService service(atip::SearchServiceOptions{db.string(), 0.5, 1000});
  atip::ServerConfig config;
  config.db_path = db.string();
  config.port = 0;
  config.threads = std::max(16, clients);
  config.queue = 256;
  config.rate_per_second = 0;
  atip::HttpServer server(config);
  auto port = server.start();
  if (!port) {
    std::fprintf(stderr, "server: %s\n", port.error().message.c_str());
    return 1;
  }
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port.value()));
  session.setKeepAlive(true);
  std::string body;

  // Warm both paths.
  for (const auto& c : cases) {
    (void)service.search(c.request);
    http_get(session, c.uri, body);
  }

  std::printf("search_bench: %lld passages indexed from %zu folder(s); %d rounds per query\n\n", passages, corpora.size(), rounds);
  std::printf("%-16s %10s %10s %10s %10s %8s\n", "query kind", "direct p50", "direct p99", "http p50", "http p99", "p50 ratio");
  std::vector<double> all_direct, all_http;
  std::vector<std::string> kinds;
  for (const auto& c : cases) {
    if (std::find(kinds.begin(), kinds.end(), c.kind) == kinds.end()) kinds.push_back(c.kind);
  }
  for (const auto& kind : kinds) {
    std::vector<double> direct, http;
    for (int r = 0; r < rounds; ++r) {
      for (const auto& c : cases) {
        if (kind != c.kind) continue;
        // Interleave the two paths so that noise hits both alike.
        auto t = Clock::now();
        auto result = service.search(c.request);
        direct.push_back(ms_since(t));
        if (!result) return 1;
        t = Clock::now();
        if (!http_get(session, c.uri, body)) return 1;
        http.push_back(ms_since(t));
      }
    }
    all_direct.insert(all_direct.end(), direct.begin(), direct.end());
    all_http.insert(all_http.end(), http.begin(), http.end());
    std::printf("%-16s %8.2fms %8.2fms %8.2fms %8.2fms %8.2fx\n", kind.c_str(), percentile(direct, 0.5),
                percentile(direct, 0.99), percentile(http, 0.5), percentile(http, 0.99),
                percentile(http, 0.5) / std::max(1e-9, percentile(direct, 0.5)));
  }
  std::printf("%-16s %8.2fms %8.2fms %8.2fms %8.2fms %8.2fx\n\n", "all", percentile(all_direct, 0.5),
              percentile(all_direct, 0.99), percentile(all_http, 0.5), percentile(all_http, 0.99),
              percentile(all_http, 0.5) / std::max(1e-9, percentile(all_direct, 0.5)));

  for (int n : {1, clients}) {
    std::atomic<long long> done{0}, errors{0};
    std::vector<double> latencies;
    std::mutex m;
    auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    std::vector<std::thread> threads;
    for (int t = 0; t < n; ++t) {
      threads.emplace_back([&, t] {
        Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port.value()));
        s.setKeepAlive(true);
        std::string b;
        std::vector<double> mine;
        size_t i = static_cast<size_t>(t);
        while (Clock::now() < deadline) {
          auto start = Clock::now();
          try {
            if (!http_get(s, cases[i++ % cases.size()].uri, b)) errors++;
          } catch (...) {
            errors++;
          }
          mine.push_back(ms_since(start));
          done++;
        }
        std::lock_guard lock(m);
        latencies.insert(latencies.end(), mine.begin(), mine.end());
      });
    }
    for (auto& t : threads) t.join();
    std::printf("throughput with %2d clients: %8.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %lld\n", n,
                static_cast<double>(done) / seconds, percentile(latencies, 0.5), percentile(latencies, 0.99),
                errors.load());
  }
  server.stop();
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
