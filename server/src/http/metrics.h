// Request counts and latency per endpoint, requests refused by the rate limit, the process and
// the build, rendered in Prometheus' text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace atip::http {

class Metrics {
 public:
  Metrics();
  void observe(const std::string& endpoint, int status, double seconds);
  void rate_limited(const std::string& endpoint);
  std::string render(long long documents, long long passages, long long revision) const;

 private:
  // Up to 30 s: an upload's extraction and indexing takes seconds.
  static constexpr std::array<double, 15> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1.0,    2.5,   5.0,  10.0,  20.0, 30.0};
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
    long long rate_limited = 0;
  };
  double start_time_seconds_;  // since the Unix epoch
  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;
};

}  // namespace atip::http
