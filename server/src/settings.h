// The settings of atip-server, spelled once: each row is a flag, its key in a .properties file, its
// help text and how a value (from either) sets the configuration. The --help text is made from them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "atip/server/http_server.h"

namespace atip::settings {

// Sets the configuration from a value: empty when it did, else what is wrong with the value.
// Flags and files are checked alike.
using Apply = std::function<std::string(ServerConfig&, const std::string&)>;

struct Setting {
  const char* flag;         // "--port"
  const char* placeholder;  // what the value is, in the help: "N", "DIR"
  const char* property;     // "atip.port"
  Apply apply;
  const char* help;         // its lines in --help ('\n' between them), with the default
  // A repeatable setting's (a list): empties it. Given on the command line, the flag's values
  // replace the file's list.
  void (*clear)(ServerConfig&) = nullptr;

  bool repeatable() const { return clear != nullptr; }
};

// In the order --help lists them.
const std::vector<Setting>& table();
// The row of a flag ("--port"); nullptr when there is none.
const Setting* find_flag(const std::string& flag);
// The --help text: the settings' rows, then --config, --version and --help.
const std::string& usage();
// Reads a .properties file into c; a repeatable setting's value is a comma-separated list. Empty when
// every value was good, else "key: what is wrong". Throws Poco's exception when the file cannot be read.
std::string apply_properties(const std::string& path, ServerConfig& c);

}  // namespace atip::settings
