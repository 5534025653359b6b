// atip-server: configuration from flags and an optional .properties file, then serve until
// SIGTERM or SIGINT.
#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <set>
#include <stdexcept>
#include <string>

#include "atip/cli.h"
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
    "  --timeout SECONDS   per-read timeout, and the time a request's head (or each 4 KiB of\n"
    "                      its body) may take to arrive (default 15)\n"
    "  --rate N            requests per second per client address; 0 for no limit (default 100)\n"
    "  --rate-burst N      requests a client may make at once before the rate applies (default 200)\n"
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

// One row per setting: its flag, its key in a .properties file, and how a value (from either) sets the
// configuration: empty when it did, else what is wrong with it. Flags and files are checked alike.
using Apply = std::function<std::string(atip::ServerConfig&, const std::string&)>;
struct Setting {
  const char* flag;
  const char* property;
  Apply apply;
  bool repeatable = false;  // given on the command line, the flag's values replace the file's list
};

template <typename T>
Apply whole(T atip::ServerConfig::*field, long long min, long long max) {
  return [=](atip::ServerConfig& c, const std::string& text) -> std::string {
    auto v = atip::cli::whole_number(text, min, max);
    if (!v) return "takes a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    c.*field = static_cast<T>(*v);
    return {};
  };
}

Apply decimal(double atip::ServerConfig::*field, double min, double max) {
  return [=](atip::ServerConfig& c, const std::string& text) -> std::string {
    auto v = atip::cli::decimal_number(text, min, max);
    if (!v) return "takes a number from " + std::to_string(min).substr(0, 5) + " to " + std::to_string(max).substr(0, 10);
    c.*field = *v;
    return {};
  };
}

Apply text(std::string atip::ServerConfig::*field) {
  return [=](atip::ServerConfig& c, const std::string& value) -> std::string {
    c.*field = value;
    return {};
  };
}

// For a repeatable setting: a checked value added to a list.
Apply item(std::vector<std::string> atip::ServerConfig::*field, std::string (*check)(const std::string&)) {
  return [=](atip::ServerConfig& c, const std::string& value) -> std::string {
    if (std::string why = check(value); !why.empty()) return why;
    (c.*field).push_back(value);
    return {};
  };
}

std::string add_token(atip::ServerConfig& c, const std::string& spec) {
  auto parsed = atip::parse_api_token(spec);
  if (!parsed) return parsed.error().message;
  c.tokens.push_back(parsed.value());
  return {};
}

const std::vector<Setting>& settings() {
  using C = atip::ServerConfig;
  constexpr long long kTiB = 1LL << 40;
  static const std::vector<Setting> table = {
      {"--db", "atip.db", text(&C::db_path)},
      {"--port", "atip.port", whole(&C::port, 0, 65535)},
      {"--bind", "atip.bind", text(&C::bind)},
      {"--web", "atip.web", text(&C::web_dir)},
      {"--threads", "atip.threads", whole(&C::threads, 1, 4096)},
      {"--queue", "atip.queue", whole(&C::queue, 1, 65536)},
      {"--token", "atip.token", add_token, true},
      {"--data", "atip.data", text(&C::data_dir)},
      {"--reference", "atip.reference", text(&C::reference_dir)},
      {"--max-upload", "atip.max_upload_bytes", whole(&C::max_upload_bytes, 1, kTiB)},
      {"--cors-origin", "atip.cors_origins", item(&C::cors_origins, atip::http::check_origin), true},
      {"--public-url", "atip.public_url", [](C& c, const std::string& v) {
         c.public_url = v;
         return v.empty() ? std::string() : atip::http::check_public_url(v);
       }},
      {"--trust-proxy", "atip.trusted_proxies", item(&C::trusted_proxies, atip::http::check_proxy_address), true},
      {"--max-body", "atip.max_body_bytes", whole(&C::max_body_bytes, 1024, kTiB)},
      {"--timeout", "atip.timeout_seconds", whole(&C::request_timeout_seconds, 1, 3600)},
      {"--rate", "atip.rate_per_second", decimal(&C::rate_per_second, 0, 1e9)},
      {"--rate-burst", "atip.rate_burst", decimal(&C::rate_burst, 1, 1e9)},
      {"--query-budget", "atip.query_budget_seconds", decimal(&C::query_time_budget_seconds, 0.001, 3600)},
      {"--exact-count-limit", "atip.exact_count_limit", whole(&C::exact_count_limit, 0, 100000000)},
  };
  return table;
}

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

// Reads a .properties file; a repeatable setting's value is a comma-separated list.
std::string apply_properties(const std::string& path, atip::ServerConfig& c) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p(new Poco::Util::PropertyFileConfiguration(path));
  for (const Setting& s : settings()) {
    if (!p->hasProperty(s.property)) continue;
    std::string value = p->getString(s.property);
    std::vector<std::string> values = s.repeatable ? comma_list(value) : std::vector<std::string>{value};
    for (const auto& v : values) {
      if (std::string why = s.apply(c, v); !why.empty()) return std::string(s.property) + ": " + why;
    }
  }
  return {};
}

// What must hold of the whole configuration before anything starts; empty when it does.
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
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  atip::ServerConfig config;
  // A config file first, so that flags override it.
  for (atip::cli::Arguments args(argc, argv); args.next();) {
    if (args.name() != "--config") continue;
    auto file = args.value();
    if (!file) break;
    try {
      if (std::string why = apply_properties(*file, config); !why.empty()) {
        std::cerr << "atip-server: " << *file << ": " << why << "\n";
        return 2;
      }
    } catch (const std::exception& e) {
      std::cerr << "atip-server: cannot read config " << *file << ": " << e.what() << "\n";
      return 2;
    }
  }
  std::set<std::string> replaced_lists;
  for (atip::cli::Arguments args(argc, argv); args.next();) {
    const std::string& a = args.name();
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version") {
      std::cout << "atip-server " << atip::kVersion << " (" << atip::kCommit << ")\n";
      return 0;
    }
    const auto& table = settings();
    auto setting = std::find_if(table.begin(), table.end(), [&](const Setting& s) { return a == s.flag; });
    if (setting == table.end() && a != "--config") {
      std::cerr << "atip-server: unknown option '" << a << "'\n" << kUsage;
      return 2;
    }
    auto value = args.value();
    if (!value) {
      std::cerr << "atip-server: " << a << " needs a value\n" << kUsage;
      return 2;
    }
    if (a == "--config") continue;
    if (setting->repeatable && replaced_lists.insert(a).second) {
      if (a == "--token") config.tokens.clear();
      if (a == "--cors-origin") config.cors_origins.clear();
      if (a == "--trust-proxy") config.trusted_proxies.clear();
    }
    if (std::string why = setting->apply(config, *value); !why.empty()) {
      std::cerr << "atip-server: " << a << " " << why << ", not '" << value->substr(0, 40) << "'\n";
      return 2;
    }
  }
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
