// Request counts and latency per endpoint, rendered in Prometheus' text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace atip::http {

class Metrics {
 public:
  void observe(const std::string& endpoint, int status, double seconds);
  std::string render(long long documents, long long passages, long long revision) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;
};

}  // namespace atip::http
