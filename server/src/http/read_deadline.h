// Deadlines for reading a request. A socket's receive timeout bounds each read, not the whole
// request, so a client sending a byte every few seconds ("slowloris") would hold a worker thread
// for as long as it likes; a watcher thread shuts down connections whose deadline passes.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace atip::http {

class ReadDeadlines {
 public:
  // limit: the time a request's head, or each renewed stretch of its body, may take.
  explicit ReadDeadlines(std::chrono::milliseconds limit);
  ~ReadDeadlines();
  ReadDeadlines(const ReadDeadlines&) = delete;
  ReadDeadlines& operator=(const ReadDeadlines&) = delete;

  // While a connection reads; its socket is shut down once the deadline passes.
  class Watch {
   public:
    Watch(ReadDeadlines& owner, const Poco::Net::StreamSocket& socket);
    ~Watch();
    void renew();  // progress was made: the deadline moves to a full limit from now
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

   private:
    ReadDeadlines& owner_;
    long long id_;
  };

  // At server stop: every connection still reading a request is shut down now.
  void shutdown_all();

 private:
  struct Entry {
    std::chrono::steady_clock::time_point deadline;
    Poco::Net::StreamSocket socket;
  };
  void watch_loop();

  const std::chrono::milliseconds limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<long long, Entry> entries_;
  long long next_id_ = 0;
  bool stopping_ = false;
  std::thread watcher_;
};

}  // namespace atip::http
