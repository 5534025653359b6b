#include "http/read_deadline.h"

namespace atip::http {

ReadDeadlines::ReadDeadlines(std::chrono::milliseconds limit) : limit_(limit), watcher_([this] { watch_loop(); }) {}

ReadDeadlines::~ReadDeadlines() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

ReadDeadlines::Watch::Watch(ReadDeadlines& owner, const Poco::Net::StreamSocket& socket) : owner_(owner) {
  std::lock_guard lock(owner_.mutex_);
  id_ = owner_.next_id_++;
  owner_.entries_.emplace(id_, Entry{std::chrono::steady_clock::now() + owner_.limit_, socket});
}

ReadDeadlines::Watch::~Watch() {
  std::lock_guard lock(owner_.mutex_);
  owner_.entries_.erase(id_);
}

void ReadDeadlines::Watch::renew() {
  std::lock_guard lock(owner_.mutex_);
  auto it = owner_.entries_.find(id_);
  if (it != owner_.entries_.end()) it->second.deadline = std::chrono::steady_clock::now() + owner_.limit_;
}

void ReadDeadlines::shutdown_all() {
  std::lock_guard lock(mutex_);
  for (auto& [id, entry] : entries_) entry.deadline = std::chrono::steady_clock::time_point::min();
  wake_.notify_all();
}

void ReadDeadlines::watch_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(250));
    auto now = std::chrono::steady_clock::now();
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.deadline > now) {
        ++it;
        continue;
      }
      try {
        // The reading thread's recv returns at once: a head then fails to parse, a body ends short
        // (408); either way the connection ends.
        it->second.socket.shutdown();
      } catch (...) {
        // Already closed by the client.
      }
      it = entries_.erase(it);
    }
  }
}

}  // namespace atip::http
