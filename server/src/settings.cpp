#include "settings.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>

#include "atip/cli.h"
#include "http/public_address.h"

namespace atip::settings {
namespace {

template <typename T>
Apply whole(T ServerConfig::*field, long long min, long long max) {
  return [=](ServerConfig& c, const std::string& text) -> std::string {
    auto v = cli::whole_number(text, min, max);
    if (!v) return "takes a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    c.*field = static_cast<T>(*v);
    return {};
  };
}

Apply decimal(double ServerConfig::*field, double min, double max) {
  return [=](ServerConfig& c, const std::string& text) -> std::string {
    auto v = cli::decimal_number(text, min, max);
    if (!v) return "takes a number from " + std::to_string(min).substr(0, 5) + " to " + std::to_string(max).substr(0, 10);
    c.*field = *v;
    return {};
  };
}

Apply text(std::string ServerConfig::*field) {
  return [=](ServerConfig& c, const std::string& value) -> std::string {
    c.*field = value;
    return {};
  };
}

// For a repeatable setting: a checked value added to a list.
Apply item(std::vector<std::string> ServerConfig::*field, std::string (*check)(const std::string&)) {
  return [=](ServerConfig& c, const std::string& value) -> std::string {
    if (std::string why = check(value); !why.empty()) return why;
    (c.*field).push_back(value);
    return {};
  };
}

std::string add_token(ServerConfig& c, const std::string& spec) {
  auto parsed = parse_api_token(spec);
  if (!parsed) return parsed.error().message;
  c.tokens.push_back(parsed.value());
  return {};
}

std::string set_public_url(ServerConfig& c, const std::string& url) {
  c.public_url = url;
  return url.empty() ? std::string() : http::check_public_url(url);
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

// One option of --help: "  --flag VALUE" in a column of 18, then its lines, the later ones indented
// under the first.
constexpr size_t kFlagColumn = 18;
std::string help_entry(const std::string& option, const std::string& help) {
  std::string out = "  " + option;
  out.append(option.size() < kFlagColumn ? kFlagColumn - option.size() : 0, ' ');
  const std::string indent(2 + kFlagColumn + 2, ' ');
  out += "  ";
  for (char c : help) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out + "\n";
}

}  // namespace

const std::vector<Setting>& table() {
  using C = ServerConfig;
  constexpr long long kTiB = 1LL << 40;
  static const std::vector<Setting> rows = {
      {"--db", "DIR", "atip.db", text(&C::db_path),
       "the index written by atip-index (a folder or a shard stub file)"},
      {"--port", "N", "atip.port", whole(&C::port, 0, 65535),
       "port to listen on; 0 picks a free one (default 8080)"},
      {"--bind", "ADDRESS", "atip.bind", text(&C::bind), "address to listen on (default 127.0.0.1)"},
      {"--web", "DIR", "atip.web", text(&C::web_dir), "folder of the web page (default: none)"},
      {"--threads", "N", "atip.threads", whole(&C::threads, 1, 4096),
       "worker threads: connections served at once (default 64)"},
      {"--queue", "N", "atip.queue", whole(&C::queue, 1, 65536), "connections waiting for a worker (default 64)"},
      {"--token", "[NAME:]SECRET", "atip.token", add_token,
       "a bearer token that allows writes, with the name the audit log\n"
       "records (repeatable; a plain SECRET is named \"default\"; none: writes refused)",
       [](C& c) { c.tokens.clear(); }},
      {"--data", "DIR", "atip.data", text(&C::data_dir),
       "the archive: originals, versions and audit log of documents written\n"
       "over the API (default: none, and writes answer 503)"},
      {"--reference", "DIR", "atip.reference", text(&C::reference_dir),
       "workplan.xml, thesaurus.xml, countries.xml, organizations.xml for\n"
       "uploads (default: the folder atip-index recorded in the index)"},
      {"--max-upload", "BYTES", "atip.max_upload_bytes", whole(&C::max_upload_bytes, 1, kTiB),
       "largest uploaded file (default 33554432)"},
      {"--cors-origin", "ORIGIN", "atip.cors_origins", item(&C::cors_origins, http::check_origin),
       "allow this origin to call the API from a browser (repeatable; * for any)",
       [](C& c) { c.cors_origins.clear(); }},
      {"--public-url", "URL", "atip.public_url", set_public_url,
       "the address clients reach this server at (https://atip.example.org);\n"
       "feeds and exports build absolute links from it (default: the\n"
       "listening address, never the request's Host header)"},
      {"--trust-proxy", "ADDR", "atip.trusted_proxies", item(&C::trusted_proxies, http::check_proxy_address),
       "a reverse proxy's address whose X-Forwarded-For, -Proto and -Host\n"
       "are believed (repeatable; default: none)",
       [](C& c) { c.trusted_proxies.clear(); }},
      {"--max-body", "BYTES", "atip.max_body_bytes", whole(&C::max_body_bytes, 1024, kTiB),
       "largest request body (default 67108864)"},
      {"--timeout", "SECONDS", "atip.timeout_seconds", whole(&C::request_timeout_seconds, 1, 3600),
       "per-read timeout, and the time a request's head (or each 4 KiB of\n"
       "its body) may take to arrive (default 15)"},
      {"--rate", "N", "atip.rate_per_second", decimal(&C::rate_per_second, 0, 1e9),
       "requests per second per client address; 0 for no limit (default 100)"},
      {"--rate-burst", "N", "atip.rate_burst", decimal(&C::rate_burst, 1, 1e9),
       "requests a client may make at once before the rate applies (default 200)"},
      {"--query-budget", "SEC", "atip.query_budget_seconds", decimal(&C::query_time_budget_seconds, 0.001, 3600),
       "time budget for exact counting per query (default 0.5)"},
      {"--exact-count-limit", "N", "atip.exact_count_limit", whole(&C::exact_count_limit, 0, 100000000),
       "matching passages checked at least per query; beyond, the\n"
       "total is estimated and facet counts sampled (default 10000; 0: all)"},
  };
  return rows;
}

const Setting* find_flag(const std::string& flag) {
  const auto& rows = table();
  auto row = std::find_if(rows.begin(), rows.end(), [&](const Setting& s) { return flag == s.flag; });
  return row == rows.end() ? nullptr : &*row;
}

const std::string& usage() {
  static const std::string text = [] {
    std::string out =
        "Usage: atip-server --db DIR [--port 8080] [--bind 127.0.0.1] [--web DIR] [options]\n"
        "\n"
        "Serves the ATIP Archive API (/api/v1/...) and the web page over HTTP.\n"
        "\n";
    for (const Setting& s : table()) out += help_entry(std::string(s.flag) + " " + s.placeholder, s.help);
    out += help_entry("--config FILE",
                      "a .properties file with the same settings (atip.port=8080, ...);\n"
                      "flags given on the command line win");
    out += help_entry("--version", "show the version and the commit built");
    out += help_entry("--help", "show this help");
    out +=
        "\n"
        "Flags take their value as '--port 8080' or '--port=8080'.\n"
        "Exit status: 0 stopped by SIGTERM or SIGINT; 2 cannot start (a bad flag or configuration,\n"
        "an index that cannot be read, an address already in use).\n";
    return out;
  }();
  return text;
}

std::string apply_properties(const std::string& path, ServerConfig& c) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p(new Poco::Util::PropertyFileConfiguration(path));
  for (const Setting& s : table()) {
    if (!p->hasProperty(s.property)) continue;
    std::string value = p->getString(s.property);
    std::vector<std::string> values = s.repeatable() ? comma_list(value) : std::vector<std::string>{value};
    for (const auto& v : values) {
      if (std::string why = s.apply(c, v); !why.empty()) return std::string(s.property) + ": " + why;
    }
  }
  return {};
}

}  // namespace atip::settings
