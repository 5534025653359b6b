// The real atip-server binary in a child process, for tests of what only a process shows: crashes
// in the middle of a write, signals, exit statuses.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "archive_fixture.h"

namespace atip::testing {

class ServerProcess {
 public:
  ServerProcess(const std::filesystem::path& db, const std::filesystem::path& data, const std::filesystem::path& log,
                const std::string& crash_at = "") {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(err, 2);
      ::close(out[0]);
      if (crash_at.empty()) ::unsetenv("ATIP_CRASH_AT");
      else ::setenv("ATIP_CRASH_AT", crash_at.c_str(), 1);
      std::string bin = std::string(ATIP_BINARY_DIR) + "/server/atip-server";
      std::string token = "alice:" + kAliceToken;
      ::execl(bin.c_str(), bin.c_str(), "--db", db.c_str(), "--data", data.c_str(), "--port", "0", "--token",
              token.c_str(), "--rate", "0", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // "atip-server listening on http://127.0.0.1:PORT"
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    ::close(out[0]);
    size_t colon = line.rfind(':');
    if (line.find("listening") == std::string::npos || colon == std::string::npos) {
      throw std::runtime_error("atip-server did not start: " + line + "\n" + read_bytes(log));
    }
    port_ = std::stoi(line.substr(colon + 1));
  }

  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGTERM);
      wait();
    }
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  // The exit status, waiting at most a few seconds; -1 when it had to be killed.
  int wait(int seconds = 10) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        exited_ = true;
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  bool exited_ = false;
};

}  // namespace atip::testing
