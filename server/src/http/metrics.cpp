#include "http/metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "atip/version.h"

namespace atip::http {
namespace {

struct ProcessStats {
  double cpu_seconds = 0;
  long long resident_bytes = 0;
  long long virtual_bytes = 0;
  long long open_fds = 0;
  long long max_fds = 0;
  long long threads = 0;
};

// From /proc/self/stat (utime, stime, num_threads, vsize, rss) and /proc/self/fd, as Prometheus'
// own client libraries read them.
ProcessStats process_stats() {
  ProcessStats p;
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (std::getline(stat, line)) {
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    size_t close = line.rfind(')');
    std::istringstream fields(close == std::string::npos ? std::string() : line.substr(close + 2));
    std::string f;
    unsigned long long utime = 0, stime = 0, vsize = 0;
    long long rss_pages = 0, threads = 0;
    for (int i = 3; fields >> f; ++i) {  // field 3 is the state
      if (i == 14) utime = std::stoull(f);
      else if (i == 15) stime = std::stoull(f);
      else if (i == 20) threads = std::stoll(f);
      else if (i == 23) vsize = std::stoull(f);
      else if (i == 24) {
        rss_pages = std::stoll(f);
        break;
      }
    }
    double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    p.cpu_seconds = static_cast<double>(utime + stime) / ticks;
    p.virtual_bytes = static_cast<long long>(vsize);
    p.resident_bytes = rss_pages * ::sysconf(_SC_PAGESIZE);
    p.threads = threads;
  }
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec)) {
    ++p.open_fds;
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) p.max_fds = static_cast<long long>(limit.rlim_cur);
  return p;
}

std::string label_value(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

Metrics::Metrics()
    : start_time_seconds_(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()) {}

void Metrics::observe(const std::string& endpoint, int status, double seconds) {
  std::lock_guard lock(mutex_);
  Series& s = series_[endpoint];
  s.by_status[status]++;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) s.buckets[i]++;
  }
  s.count++;
  s.sum += seconds;
}

void Metrics::rate_limited(const std::string& endpoint) {
  std::lock_guard lock(mutex_);
  series_[endpoint].rate_limited++;
}

// Longer than most, on purpose: the exposition in its order, one block per metric family.
std::string Metrics::render(long long documents, long long passages, long long revision) const {
  std::ostringstream out;
  ProcessStats process = process_stats();
  std::lock_guard lock(mutex_);
  out << "# HELP atip_http_requests_total HTTP requests by endpoint and status.\n"
      << "# TYPE atip_http_requests_total counter\n";
  for (const auto& [endpoint, s] : series_) {
    for (const auto& [status, n] : s.by_status) {
      out << "atip_http_requests_total{endpoint=\"" << endpoint << "\",status=\"" << status << "\"} " << n << "\n";
    }
  }
  out << "# HELP atip_http_errors_total HTTP responses with status 400 or above, by endpoint.\n"
      << "# TYPE atip_http_errors_total counter\n";
  for (const auto& [endpoint, s] : series_) {
    long long errors = 0;
    for (const auto& [status, n] : s.by_status) {
      if (status >= 400) errors += n;
    }
    out << "atip_http_errors_total{endpoint=\"" << endpoint << "\"} " << errors << "\n";
  }
  out << "# HELP atip_http_rate_limited_total Requests refused by the per-client rate limit, by endpoint.\n"
      << "# TYPE atip_http_rate_limited_total counter\n";
  for (const auto& [endpoint, s] : series_) {
    out << "atip_http_rate_limited_total{endpoint=\"" << endpoint << "\"} " << s.rate_limited << "\n";
  }
  out << "# HELP atip_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE atip_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, s] : series_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      char le[32];
      std::snprintf(le, sizeof le, "%g", kBuckets[i]);
      out << "atip_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\"" << le << "\"} "
          << s.buckets[i] << "\n";
    }
    out << "atip_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\"+Inf\"} " << s.count << "\n";
    out << "atip_http_request_duration_seconds_sum{endpoint=\"" << endpoint << "\"} " << s.sum << "\n";
    out << "atip_http_request_duration_seconds_count{endpoint=\"" << endpoint << "\"} " << s.count << "\n";
  }
  out << "# HELP atip_index_documents Documents in the index.\n# TYPE atip_index_documents gauge\n"
      << "atip_index_documents " << documents << "\n"
      << "# HELP atip_index_passages Passages in the index.\n# TYPE atip_index_passages gauge\n"
      << "atip_index_passages " << passages << "\n"
      << "# HELP atip_index_revision Revision of the index being served.\n# TYPE atip_index_revision gauge\n"
      << "atip_index_revision " << revision << "\n";
  out << "# HELP atip_build_info The version and commit of the running atip-server.\n# TYPE atip_build_info gauge\n"
      << "atip_build_info{version=\"" << label_value(kVersion) << "\",commit=\"" << label_value(kCommit) << "\"} 1\n";
  char number[64];
  std::snprintf(number, sizeof number, "%.2f", process.cpu_seconds);
  out << "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
      << "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total " << number << "\n";
  out << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      << "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes " << process.resident_bytes << "\n";
  out << "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
      << "# TYPE process_virtual_memory_bytes gauge\nprocess_virtual_memory_bytes " << process.virtual_bytes << "\n";
  out << "# HELP process_open_fds Number of open file descriptors.\n"
      << "# TYPE process_open_fds gauge\nprocess_open_fds " << process.open_fds << "\n";
  out << "# HELP process_max_fds Maximum number of open file descriptors.\n"
      << "# TYPE process_max_fds gauge\nprocess_max_fds " << process.max_fds << "\n";
  out << "# HELP process_threads Number of OS threads in the process.\n"
      << "# TYPE process_threads gauge\nprocess_threads " << process.threads << "\n";
  std::snprintf(number, sizeof number, "%.3f", start_time_seconds_);
  out << "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
      << "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds " << number << "\n";
  return out.str();
}

}  // namespace atip::http
