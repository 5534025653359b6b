// atip-server: configuration from flags and an optional .properties file, then serve until
// SIGTERM or SIGINT.
#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "atip/server/http_server.h"
#include "atip/version.h"
#include "http/public_address.h"

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
    "  --public-url URL    the address clients reach this server at (https://atip.example.org);\n"
    "                      feeds and exports build absolute links from it (default: the\n"
    "                      listening address, never the request's Host header)\n"
    "  --trust-proxy ADDR  a reverse proxy's address whose X-Forwarded-For, -Proto and -Host\n"
    "                      are believed (repeatable; default: none)\n"
    "  --max-body BYTES    largest request body (default 67108864)\n"
    "  --timeout SECONDS   per-connection receive/send timeout (default 15)\n"
    "  --rate N            requests per second per client address; 0 for no limit (default 100)\n"
    "  --query-budget SEC  time budget for exact counting per query (default 0.5)\n"
    "  --exact-count-limit N  matching passages checked at least per query; beyond, the\n"
    "                      total is estimated and facet counts sampled (default 10000; 0: all)\n"
    "  --config FILE       a .properties file with the same settings (atip.port=8080, ...);\n"
    "                      flags given on the command line win\n"
    "  --version           show the version and the commit built\n"
    "  --help              show this help\n"
    "\n"
    "Flags take their value as '--port 8080' or '--port=8080'.\n"
    "Exit status: 0 stopped by SIGTERM or SIGINT; 2 cannot start (a bad flag or configuration,\n"
    "an index that cannot be read, an address already in use).\n";

// "a, b,c" -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0; start < text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

void apply_properties(const std::string& path, atip::ServerConfig& c) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p(new Poco::Util::PropertyFileConfiguration(path));
  c.db_path = p->getString("atip.db", c.db_path);
  c.port = p->getInt("atip.port", c.port);
  c.bind = p->getString("atip.bind", c.bind);
  c.web_dir = p->getString("atip.web", c.web_dir);
  c.threads = p->getInt("atip.threads", c.threads);
  c.queue = p->getInt("atip.queue", c.queue);
  // atip.token: one or more [NAME:]SECRET, comma-separated.
  for (const auto& t : comma_list(p->getString("atip.token", ""))) {
    auto parsed = atip::parse_api_token(t);
    if (!parsed) throw std::runtime_error("atip.token: " + parsed.error().message);
    c.tokens.push_back(parsed.value());
  }
  c.data_dir = p->getString("atip.data", c.data_dir);
  c.reference_dir = p->getString("atip.reference", c.reference_dir);
  c.max_upload_bytes =
      static_cast<size_t>(p->getInt64("atip.max_upload_bytes", static_cast<Poco::Int64>(c.max_upload_bytes)));
  for (const auto& o : comma_list(p->getString("atip.cors_origins", ""))) c.cors_origins.push_back(o);
  c.max_body_bytes = static_cast<size_t>(p->getInt64("atip.max_body_bytes", static_cast<Poco::Int64>(c.max_body_bytes)));
  c.request_timeout_seconds = p->getInt("atip.timeout_seconds", c.request_timeout_seconds);
  c.rate_per_second = p->getDouble("atip.rate_per_second", c.rate_per_second);
  c.rate_burst = p->getDouble("atip.rate_burst", c.rate_burst);
  c.query_time_budget_seconds = p->getDouble("atip.query_budget_seconds", c.query_time_budget_seconds);
  c.exact_count_limit = static_cast<unsigned>(p->getInt("atip.exact_count_limit", static_cast<int>(c.exact_count_limit)));
  c.public_url = p->getString("atip.public_url", c.public_url);
  for (const auto& proxy : comma_list(p->getString("atip.trusted_proxies", ""))) c.trusted_proxies.push_back(proxy);
}

// Whole-string numbers: "10x", "", "1e3" and values outside [min, max] are errors, not 10.
template <typename T>
bool parse_number(const std::string& text, T min, T max, T& out) {
  T v{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) return false;
  out = v;
  return true;
}

// What a configuration must satisfy before anything starts; empty when it does.
std::string check_config(const atip::ServerConfig& c) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (c.db_path.empty()) return "--db is required";
  if (!fs::exists(c.db_path, ec)) return "no index at " + c.db_path + " (run atip-index first)";
  if (!c.web_dir.empty() && !fs::is_directory(c.web_dir, ec)) return "--web " + c.web_dir + " is not a folder";
  if (!c.web_dir.empty() && !fs::is_regular_file(fs::path(c.web_dir) / "index.html", ec)) {
    return "--web " + c.web_dir + " has no index.html";
  }
  if (!c.reference_dir.empty() && !fs::is_directory(c.reference_dir, ec)) {
    return "--reference " + c.reference_dir + " is not a folder";
  }
  if (c.port < 0 || c.port > 65535) return "--port must be between 0 and 65535";
  if (c.threads < 1 || c.threads > 4096) return "--threads must be between 1 and 4096";
  if (c.queue < 1 || c.queue > 65536) return "--queue must be between 1 and 65536";
  if (c.request_timeout_seconds < 1) return "--timeout must be at least 1 second";
  if (!(c.rate_per_second >= 0) || !(c.rate_burst >= 1)) return "--rate must be 0 (no limit) or more, and the burst at least 1";
  if (!(c.query_time_budget_seconds > 0)) return "--query-budget must be more than 0 seconds";
  if (c.max_upload_bytes < 1) return "--max-upload must be at least 1 byte";
  if (c.max_body_bytes < 1024) return "--max-body must be at least 1024 bytes";
  if (!c.public_url.empty()) {
    if (std::string why = atip::http::check_public_url(c.public_url); !why.empty()) return "--public-url: " + why;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  atip::ServerConfig config;
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
  // A config file first, so that flags override it.
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--config") {
      try {
        apply_properties(args[i + 1], config);
      } catch (const std::exception& e) {
        std::cerr << "atip-server: cannot read config " << args[i + 1] << ": " << e.what() << "\n";
        return 2;
      }
    }
  }
  std::vector<std::string> cli_origins, cli_proxies;
  std::vector<atip::ApiToken> cli_tokens;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        std::cerr << "atip-server: " << a << " needs a value\n" << kUsage;
        std::exit(2);
      }
      return args[++i];
    };
    auto number = [&](auto min, auto max, auto& out) {
      std::string v = value();
      if (!parse_number(v, min, max, out)) {
        std::cerr << "atip-server: " << a << " takes a whole number from " << min << " to " << max << ", not '"
                  << v.substr(0, 40) << "'\n";
        std::exit(2);
      }
    };
    auto decimal = [&](double min, double& out) {
      std::string v = value();
      char* end = nullptr;
      double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(d >= min) || d > 1e9) {
        std::cerr << "atip-server: " << a << " takes a number of at least " << min << ", not '" << v.substr(0, 40) << "'\n";
        std::exit(2);
      }
      out = d;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << "atip-server " << atip::kVersion << " (" << atip::kCommit << ")\n";
      return 0;
    } else if (a == "--db") config.db_path = value();
    else if (a == "--port") number(0, 65535, config.port);
    else if (a == "--bind") config.bind = value();
    else if (a == "--web") config.web_dir = value();
    else if (a == "--threads") number(1, 4096, config.threads);
    else if (a == "--queue") number(1, 65536, config.queue);
    else if (a == "--token") {
      auto parsed = atip::parse_api_token(value());
      if (!parsed) {
        std::cerr << "atip-server: --token: " << parsed.error().message << "\n";
        return 2;
      }
      cli_tokens.push_back(parsed.value());
    } else if (a == "--data") config.data_dir = value();
    else if (a == "--reference") config.reference_dir = value();
    else if (a == "--max-upload") number(size_t{1}, size_t{1} << 40, config.max_upload_bytes);
    else if (a == "--cors-origin") cli_origins.push_back(value());
    else if (a == "--public-url") config.public_url = value();
    else if (a == "--trust-proxy") cli_proxies.push_back(value());
    else if (a == "--max-body") number(size_t{1024}, size_t{1} << 40, config.max_body_bytes);
    else if (a == "--timeout") number(1, 3600, config.request_timeout_seconds);
    else if (a == "--rate") decimal(0, config.rate_per_second);
    else if (a == "--query-budget") decimal(0.001, config.query_time_budget_seconds);
    else if (a == "--exact-count-limit") number(0u, 100000000u, config.exact_count_limit);
    else if (a == "--config") value();
    else {
      std::cerr << "atip-server: unknown option '" << a << "'\n" << kUsage;
      return 2;
    }
  }
  if (!cli_origins.empty()) config.cors_origins = cli_origins;
  if (!cli_proxies.empty()) config.trusted_proxies = cli_proxies;
  if (!cli_tokens.empty()) config.tokens = cli_tokens;
  if (const char* token = std::getenv("ATIP_TOKEN"); token && *token && config.tokens.empty() && config.token.empty()) {
    auto parsed = atip::parse_api_token(token);
    if (parsed) config.tokens.push_back(parsed.value());
  }
  if (std::string why = check_config(config); !why.empty()) {
    std::cerr << "atip-server: " << why << "\n";
    if (config.db_path.empty()) std::cerr << kUsage;
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
    return 2;
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
