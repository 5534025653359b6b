// atip-server: configuration from flags and an optional .properties file, then serve until
// SIGTERM or SIGINT.
#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "atip/server/http_server.h"

namespace {

const char* kUsage =
    "Usage: atip-server --db DIR [--port 8080] [--bind 127.0.0.1] [--web DIR] [options]\n"
    "\n"
    "Serves the ATIP Archive API (/api/v1/...) and the web page over HTTP.\n"
    "\n"
    "  --db DIR            the index written by atip-index (a folder or a shard stub file)\n"
    "  --port N            port to listen on; 0 picks a free one (default 8080)\n"
    "  --bind ADDRESS      address to listen on (default 127.0.0.1)\n"
    "  --web DIR           folder of the web page (default: none)\n"
    "  --threads N         worker threads: connections served at once (default 64)\n"
    "  --queue N           connections waiting for a worker (default 64)\n"
    "  --token [NAME:]SECRET  a bearer token that allows writes, with the name the audit log\n"
    "                      records (repeatable; a plain SECRET is named \"default\"; none: writes refused)\n"
    "  --data DIR          the archive: originals, versions and audit log of documents written\n"
    "                      over the API (default: none, and writes answer 503)\n"
    "  --reference DIR     workplan.xml, thesaurus.xml, countries.xml, organizations.xml for\n"
    "                      uploads (default: the folder atip-index recorded in the index)\n"
    "  --max-upload BYTES  largest uploaded file (default 33554432)\n"
    "  --cors-origin ORIGIN  allow this origin to call the API from a browser (repeatable; * for any)\n"
    "  --max-body BYTES    largest request body (default 67108864)\n"
    "  --timeout SECONDS   per-connection receive/send timeout (default 15)\n"
    "  --rate N            requests per second per client address; 0 for no limit (default 100)\n"
    "  --query-budget SEC  time budget for exact counting per query (default 0.5)\n"
    "  --exact-count-limit N  matching passages checked at least per query; beyond, the\n"
    "                      total is estimated and facet counts sampled (default 10000; 0: all)\n"
    "  --config FILE       a .properties file with the same settings (atip.port=8080, ...);\n"
    "                      flags given on the command line win\n"
    "  --help              show this help\n";

void apply_properties(const std::string& path, atip::ServerConfig& c) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p(new Poco::Util::PropertyFileConfiguration(path));
  c.db_path = p->getString("atip.db", c.db_path);
  c.port = p->getInt("atip.port", c.port);
  c.bind = p->getString("atip.bind", c.bind);
  c.web_dir = p->getString("atip.web", c.web_dir);
  c.threads = p->getInt("atip.threads", c.threads);
  c.queue = p->getInt("atip.queue", c.queue);
  // atip.token: one or more [NAME:]SECRET, comma-separated.
  std::string tokens = p->getString("atip.token", "");
  for (size_t start = 0; start < tokens.size();) {
    size_t comma = tokens.find(',', start);
    if (comma == std::string::npos) comma = tokens.size();
    std::string t = tokens.substr(start, comma - start);
    t.erase(0, t.find_first_not_of(' '));
    t.erase(t.find_last_not_of(' ') + 1);
    if (!t.empty()) {
      auto parsed = atip::parse_api_token(t);
      if (!parsed) throw std::runtime_error("atip.token: " + parsed.error().message);
      c.tokens.push_back(parsed.value());
    }
    start = comma + 1;
  }
  c.data_dir = p->getString("atip.data", c.data_dir);
  c.reference_dir = p->getString("atip.reference", c.reference_dir);
  c.max_upload_bytes =
      static_cast<size_t>(p->getInt64("atip.max_upload_bytes", static_cast<Poco::Int64>(c.max_upload_bytes)));
  std::string origins = p->getString("atip.cors_origins", "");
  size_t start = 0;
  while (start < origins.size()) {
    size_t comma = origins.find(',', start);
    if (comma == std::string::npos) comma = origins.size();
    std::string o = origins.substr(start, comma - start);
    o.erase(0, o.find_first_not_of(' '));
    o.erase(o.find_last_not_of(' ') + 1);
    if (!o.empty()) c.cors_origins.push_back(o);
    start = comma + 1;
  }
  c.max_body_bytes = static_cast<size_t>(p->getInt64("atip.max_body_bytes", static_cast<Poco::Int64>(c.max_body_bytes)));
  c.request_timeout_seconds = p->getInt("atip.timeout_seconds", c.request_timeout_seconds);
  c.rate_per_second = p->getDouble("atip.rate_per_second", c.rate_per_second);
  c.rate_burst = p->getDouble("atip.rate_burst", c.rate_burst);
  c.query_time_budget_seconds = p->getDouble("atip.query_budget_seconds", c.query_time_budget_seconds);
  c.exact_count_limit = static_cast<unsigned>(p->getInt("atip.exact_count_limit", static_cast<int>(c.exact_count_limit)));
}

}  // namespace

int main(int argc, char** argv) {
  atip::ServerConfig config;
  // A config file first, so that flags override it.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--config") {
      try {
        apply_properties(argv[i + 1], config);
      } catch (const std::exception& e) {
        std::cerr << "atip-server: cannot read config " << argv[i + 1] << ": " << e.what() << "\n";
        return 2;
      }
    }
  }
  std::vector<std::string> cli_origins;
  std::vector<atip::ApiToken> cli_tokens;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "atip-server: " << a << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    try {
      if (a == "--help" || a == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (a == "--db") config.db_path = value();
      else if (a == "--port") config.port = std::stoi(value());
      else if (a == "--bind") config.bind = value();
      else if (a == "--web") config.web_dir = value();
      else if (a == "--threads") config.threads = std::stoi(value());
      else if (a == "--queue") config.queue = std::stoi(value());
      else if (a == "--token") {
        auto parsed = atip::parse_api_token(value());
        if (!parsed) {
          std::cerr << "atip-server: --token: " << parsed.error().message << "\n";
          return 2;
        }
        cli_tokens.push_back(parsed.value());
      } else if (a == "--data") config.data_dir = value();
      else if (a == "--reference") config.reference_dir = value();
      else if (a == "--max-upload") config.max_upload_bytes = std::stoull(value());
      else if (a == "--cors-origin") cli_origins.push_back(value());
      else if (a == "--max-body") config.max_body_bytes = std::stoull(value());
      else if (a == "--timeout") config.request_timeout_seconds = std::stoi(value());
      else if (a == "--rate") config.rate_per_second = std::stod(value());
      else if (a == "--query-budget") config.query_time_budget_seconds = std::stod(value());
      else if (a == "--exact-count-limit") config.exact_count_limit = static_cast<unsigned>(std::stoul(value()));
      else if (a == "--config") value();
      else {
        std::cerr << "atip-server: unknown option '" << a << "'\n" << kUsage;
        return 2;
      }
    } catch (const std::exception&) {
      std::cerr << "atip-server: bad value for " << a << "\n";
      return 2;
    }
  }
  if (!cli_origins.empty()) config.cors_origins = cli_origins;
  if (!cli_tokens.empty()) config.tokens = cli_tokens;
  if (const char* token = std::getenv("ATIP_TOKEN"); token && *token && config.tokens.empty() && config.token.empty()) {
    auto parsed = atip::parse_api_token(token);
    if (parsed) config.tokens.push_back(parsed.value());
  }
  if (config.db_path.empty()) {
    std::cerr << "atip-server: --db is required\n" << kUsage;
    return 2;
  }
  if (!std::filesystem::exists(config.db_path)) {
    std::cerr << "atip-server: no index at " << config.db_path << " (run atip-index first)\n";
    return 2;
  }
  if (config.port < 0 || config.port > 65535 || config.threads < 1 || config.queue < 1) {
    std::cerr << "atip-server: port, threads or queue out of range\n";
    return 2;
  }

  // Block the termination signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::string bind = config.bind;
  atip::HttpServer server(std::move(config));
  auto port = server.start();
  if (!port) {
    std::cerr << "atip-server: " << port.error().message << "\n";
    return 1;
  }
  for (const auto& note : server.notes()) std::fprintf(stderr, "atip-server: %s\n", note.c_str());
  std::printf("atip-server listening on http://%s:%d\n", bind.c_str(), port.value());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&signals, &sig);
  std::fprintf(stderr, "atip-server: %s received, finishing requests in progress\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  server.stop();
  return 0;
}
