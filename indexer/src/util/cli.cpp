#include "atip/cli.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace atip::cli {

Arguments::Arguments(int argc, char** argv) : args_(argv + std::min(argc, 1), argv + argc) {}

bool Arguments::next() {
  if (at_ >= args_.size()) return false;
  const std::string& a = args_[at_++];
  size_t eq = a.find('=');
  if (a.rfind("--", 0) == 0 && eq != std::string::npos) {
    name_ = a.substr(0, eq);
    inline_value_ = a.substr(eq + 1);
  } else {
    name_ = a;
    inline_value_.reset();
  }
  return true;
}

std::optional<std::string> Arguments::value() {
  if (inline_value_) return std::exchange(inline_value_, std::nullopt);
  if (at_ >= args_.size()) return std::nullopt;
  return args_[at_++];
}

std::optional<long long> whole_number(const std::string& text, long long min, long long max) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) return std::nullopt;
  return v;
}

std::optional<double> decimal_number(const std::string& text, double min, double max) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !std::isfinite(d) || d < min || d > max) return std::nullopt;
  return d;
}

}  // namespace atip::cli
