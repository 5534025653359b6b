// Command lines as atip's programs read them: flags as "--name value" or "--name=value", and
// numbers that must be whole strings ("10x" is no 10).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace atip::cli {

class Arguments {
 public:
  Arguments(int argc, char** argv);
  // Moves to the next argument; false when there is none.
  bool next();
  // The current argument's name ("--port" of "--port=80" too).
  const std::string& name() const { return name_; }
  // The current flag's value: after its '=', else the next argument (taken whatever it looks like, so
  // a secret may begin with "--"); nullopt when there is none.
  std::optional<std::string> value();

 private:
  std::vector<std::string> args_;
  size_t at_ = 0;
  std::string name_;
  std::optional<std::string> inline_value_;
};

// A whole number from min to max written as the whole string, else nullopt.
std::optional<long long> whole_number(const std::string& text, long long min, long long max);

// A decimal number from min to max written as the whole string, else nullopt.
std::optional<double> decimal_number(const std::string& text, double min, double max);

}  // namespace atip::cli
