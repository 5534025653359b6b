// Per-client token buckets: a client over its rate is told when to come back, others are not slowed.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace atip::http {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}
  // 0 when allowed, else the seconds to wait.
  int acquire(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace atip::http
