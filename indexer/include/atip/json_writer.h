// A small streaming JSON writer that keeps insertion order and always emits valid UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atip {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(long long n);
  JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(size_t n) { return value(static_cast<long long>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& null();
  // A string, or null when empty.
  JsonWriter& value_or_null(std::string_view s);
  JsonWriter& string_array(const std::vector<std::string>& items);
  JsonWriter& raw(std::string_view json);  // an already-serialized JSON value

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends s as a JSON string literal (quoted, escaped; invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view s);

}  // namespace atip
