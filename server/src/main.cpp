// atip-server: configuration from flags and an optional .properties file, then serve until
// SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "atip/cli.h"
#include "atip/server/http_server.h"
#include "atip/version.h"
#include "settings.h"

namespace {

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


// The configuration from --config's file, then the flags, which win; an exit status when the
// program is to stop here (--help, --version, a bad flag or file).
std::optional<int> read_configuration(int argc, char** argv, atip::ServerConfig& config) {
  for (atip::cli::Arguments args(argc, argv); args.next();) {
    if (args.name() != "--config") continue;
    auto file = args.value();
    if (!file) break;
    try {
      if (std::string why = atip::settings::apply_properties(*file, config); !why.empty()) {
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
      std::cout << atip::settings::usage();
      return 0;
    }
    if (a == "--version") {
      std::cout << "atip-server " << atip::kVersion << " (" << atip::kCommit << ")\n";
      return 0;
    }
    const atip::settings::Setting* setting = atip::settings::find_flag(a);
    if (!setting && a != "--config") {
      std::cerr << "atip-server: unknown option '" << a << "'\n" << atip::settings::usage();
      return 2;
    }
    auto value = args.value();
    if (!value) {
      std::cerr << "atip-server: " << a << " needs a value\n" << atip::settings::usage();
      return 2;
    }
    if (a == "--config") continue;
    if (setting->repeatable() && replaced_lists.insert(a).second) setting->clear(config);
    if (std::string why = setting->apply(config, *value); !why.empty()) {
      std::cerr << "atip-server: " << a << " " << why << ", not '" << value->substr(0, 40) << "'\n";
      return 2;
    }
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  atip::ServerConfig config;
  if (auto status = read_configuration(argc, argv, config)) return *status;
  if (const char* token = std::getenv("ATIP_TOKEN"); token && *token && config.tokens.empty() && config.token.empty()) {
    auto parsed = atip::parse_api_token(token);
    if (parsed) config.tokens.push_back(parsed.value());
  }
  if (std::string why = check_config(config); !why.empty()) {
    std::cerr << "atip-server: " << why << "\n";
    if (config.db_path.empty()) std::cerr << atip::settings::usage();
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
