#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace atip::http {

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

std::string Metrics::render(long long documents, long long passages, long long revision) const {
  std::ostringstream out;
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
  return out.str();
}

}  // namespace atip::http
