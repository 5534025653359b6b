// Extraction in a child process: a parser that crashes or hangs costs one file, not the run.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "extract/extractor.h"

extern char** environ;

namespace atip {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAddressSanitizer = true;
#else
constexpr bool kUnderAddressSanitizer = false;
#endif
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

void put_u32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& out, const std::string& s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool u32(uint32_t& v) {
    if (data_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool str(std::string& s) {
    uint32_t n;
    if (!u32(n) || data_.size() - pos_ < n) return false;
    s.assign(data_.data() + pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

// Wire format: status byte ('O' ok, 'E' error), then fields. Before it the child may write
// kOcrStarting once: its pages need OCR, and the parent then waits for the OCR time limit.
constexpr char kOcrStarting = 'P';

std::string serialize(const Result<ExtractedDocument>& r) {
  std::string out;
  if (!r.ok()) {
    out.push_back('E');
    put_u32(out, static_cast<uint32_t>(r.error().code));
    put_str(out, r.error().message);
    return out;
  }
  const ExtractedDocument& d = r.value();
  out.push_back('O');
  put_str(out, d.title);
  put_str(out, d.author);
  put_str(out, d.created);
  put_str(out, d.language_hint);
  put_u32(out, static_cast<uint32_t>(d.pages));
  put_u32(out, static_cast<uint32_t>(d.warnings.size()));
  for (const auto& w : d.warnings) put_str(out, w);
  put_u32(out, static_cast<uint32_t>(d.blocks.size()));
  for (const auto& b : d.blocks) {
    put_u32(out, static_cast<uint32_t>(b.kind));
    put_u32(out, static_cast<uint32_t>(b.page));
    put_u32(out, static_cast<uint32_t>(b.level));
    put_str(out, b.text);
    put_str(out, b.date);
    put_str(out, b.place);
  }
  put_u32(out, static_cast<uint32_t>(d.ocr_pages.size()));
  for (const auto& p : d.ocr_pages) {
    put_u32(out, static_cast<uint32_t>(p.page));
    put_u32(out, static_cast<uint32_t>(p.confidence * 1000));
    put_u32(out, static_cast<uint32_t>(p.words));
    put_u32(out, p.from_cache ? 1 : 0);
  }
  return out;
}

Result<ExtractedDocument> deserialize(std::string_view data) {
  auto garbled = Error{ErrorCode::kInternal, "extractor process returned garbled output"};
  if (data.empty()) return garbled;
  Reader in(data.substr(1));
  if (data[0] == 'E') {
    uint32_t code;
    std::string message;
    if (!in.u32(code) || !in.str(message)) return garbled;
    return Error{static_cast<ErrorCode>(code), message};
  }
  ExtractedDocument d;
  uint32_t pages, nwarn, nblocks;
  if (!in.str(d.title) || !in.str(d.author) || !in.str(d.created) || !in.str(d.language_hint) ||
      !in.u32(pages) || !in.u32(nwarn))
    return garbled;
  d.pages = static_cast<int>(pages);
  for (uint32_t i = 0; i < nwarn; ++i) {
    std::string w;
    if (!in.str(w)) return garbled;
    d.warnings.push_back(std::move(w));
  }
  if (!in.u32(nblocks)) return garbled;
  for (uint32_t i = 0; i < nblocks; ++i) {
    TextBlock b;
    uint32_t kind, page, level;
    if (!in.u32(kind) || !in.u32(page) || !in.u32(level) || !in.str(b.text) || !in.str(b.date) ||
        !in.str(b.place))
      return garbled;
    b.kind = static_cast<TextBlock::Kind>(kind);
    b.page = static_cast<int>(page);
    b.level = static_cast<int>(level);
    d.blocks.push_back(std::move(b));
  }
  uint32_t nocr;
  if (!in.u32(nocr)) return garbled;
  for (uint32_t i = 0; i < nocr; ++i) {
    uint32_t page, confidence, words, cached;
    if (!in.u32(page) || !in.u32(confidence) || !in.u32(words) || !in.u32(cached)) return garbled;
    d.ocr_pages.push_back({static_cast<int>(page), confidence / 1000.0, static_cast<int>(words), cached != 0});
  }
  return d;
}

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace

namespace {

namespace fs = std::filesystem;

// atip-extract: named by ATIP_EXTRACT_BIN, else beside the running program, else in the build tree.
std::optional<fs::path> find_extract_program() {
  if (const char* env = std::getenv("ATIP_EXTRACT_BIN"); env && *env) return fs::path(env);
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path beside = self.parent_path() / "atip-extract";
    if (fs::exists(beside)) return beside;
  }
#ifdef ATIP_EXTRACT_FALLBACK
  if (fs::exists(ATIP_EXTRACT_FALLBACK)) return fs::path(ATIP_EXTRACT_FALLBACK);
#endif
  return std::nullopt;
}

// This process's environment, with OpenMP limited to one thread: Tesseract's parallel loops
// otherwise spend most of a page in thread synchronisation (a page took 10 s instead of 2 s here),
// and each extraction is a process of its own already. OpenMP reads the variable when it is loaded,
// so it must be set before the child starts.
std::vector<std::string> child_environment() {
  std::vector<std::string> out;
  bool limited = false;
  for (char** e = environ; e && *e; ++e) {
    out.emplace_back(*e);
    limited |= out.back().rfind("OMP_THREAD_LIMIT=", 0) == 0;
  }
  if (!limited) out.emplace_back("OMP_THREAD_LIMIT=1");
  return out;
}

}  // namespace

int run_extraction_child(FileFormat format, const fs::path& file, const SandboxLimits& limits,
                         const ExtractionHints& given_hints, int fd) {
  // The soft limit ends an ordinary extraction; OCR raises it up to the hard limit.
  const int most_cpu_seconds = std::max(limits.cpu_seconds, limits.ocr_cpu_seconds);
  rlimit cpu{static_cast<rlim_t>(limits.cpu_seconds), static_cast<rlim_t>(most_cpu_seconds + 1)};
  ::setrlimit(RLIMIT_CPU, &cpu);
  ExtractionHints hints = given_hints;
  hints.before_ocr = [fd, most_cpu_seconds] {
    write_all(fd, std::string(1, kOcrStarting));
    rlimit ocr_cpu{static_cast<rlim_t>(most_cpu_seconds), static_cast<rlim_t>(most_cpu_seconds + 1)};
    ::setrlimit(RLIMIT_CPU, &ocr_cpu);
  };
  if (!kUnderAddressSanitizer) {  // ASan reserves terabytes of address space for its shadow
    rlimit mem{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &mem);
  }
  rlimit core{0, 0};
  ::setrlimit(RLIMIT_CORE, &core);
  ExtractorRegistry registry;
  std::string payload;
  try {
    payload = serialize(registry.for_format(format).extract(file, hints));
  } catch (const std::bad_alloc&) {
    payload = serialize(Error{ErrorCode::kTooLarge, "extractor ran out of memory"});
  } catch (const std::exception& e) {
    payload = serialize(Error{ErrorCode::kInternal, std::string("extractor failed: ") + e.what()});
  } catch (...) {
    payload = serialize(Error{ErrorCode::kInternal, "extractor failed"});
  }
  write_all(fd, payload);
  return 0;
}

namespace {

struct Child {
  pid_t pid = 0;
  int output = -1;  // the read end of the child's stdout
};

// Starts atip-extract on the file, its stdout a pipe to us, stdin and stderr /dev/null.
Result<Child> spawn_extractor(const fs::path& program, const Extractor& extractor, const fs::path& file,
                              const SandboxLimits& limits, const ExtractionHints& hints) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{ErrorCode::kInternal, "cannot create pipe"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = {program.string(), "--format", format_name(extractor.format()),
                                   "--cpu", std::to_string(limits.cpu_seconds),
                                   "--ocr-cpu", std::to_string(limits.ocr_cpu_seconds),
                                   "--memory", std::to_string(limits.memory_bytes)};
  if (!hints.language.empty()) args.insert(args.end(), {"--language", hints.language});
  if (!hints.ocr_cache.empty()) args.insert(args.end(), {"--ocr-cache", hints.ocr_cache.string()});
  args.insert(args.end(), {"--", file.string()});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment = child_environment();
  std::vector<char*> envp;
  for (auto& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  Child child;
  int spawned = posix_spawn(&child.pid, args[0].c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return Error{ErrorCode::kUnavailable, "cannot start " + args[0] + ": " + std::strerror(spawned)};
  }
  child.output = fds[0];
  return child;
}

struct ChildOutput {
  std::string data;
  bool timed_out = false;
  int wall_seconds = 0;  // the time it was allowed: longer once it said OCR starts
};

// Reads the child's output until it closes it or its wall-clock time is up.
ChildOutput read_output(int fd, const SandboxLimits& limits) {
  ChildOutput out;
  out.wall_seconds = limits.wall_seconds;
  char buf[65536];
  const auto started = std::chrono::steady_clock::now();
  auto deadline = started + std::chrono::seconds(limits.wall_seconds);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      out.timed_out = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      out.timed_out = ready == 0;
      break;
    }
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.data.append(buf, static_cast<size_t>(n));
    if (out.data.front() == kOcrStarting) {
      out.data.erase(0, 1);
      out.wall_seconds = std::max(limits.wall_seconds, limits.ocr_wall_seconds);
      deadline = started + std::chrono::seconds(out.wall_seconds);
    }
  }
  return out;
}

}  // namespace

Result<ExtractedDocument> extract_sandboxed(const Extractor& extractor, const fs::path& file,
                                            const SandboxLimits& limits, const ExtractionHints& hints) {
  auto program = find_extract_program();
  if (!program) {
    return Error{ErrorCode::kUnavailable, "the extraction helper atip-extract was not found (set ATIP_EXTRACT_BIN)"};
  }
  auto child = spawn_extractor(*program, extractor, file, limits, hints);
  if (!child) return child.error();
  ChildOutput output = read_output(child.value().output, limits);
  ::close(child.value().output);
  if (output.timed_out) ::kill(child.value().pid, SIGKILL);
  int status = 0;
  while (::waitpid(child.value().pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (output.timed_out) {
    return Error{ErrorCode::kUnavailable, "extraction timed out after " + std::to_string(output.wall_seconds) + " s"};
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGXCPU || sig == SIGKILL) {
      return Error{ErrorCode::kUnavailable, "extraction exceeded its CPU time limit"};
    }
    return Error{ErrorCode::kInternal, std::string("extractor crashed (") + strsignal(sig) + ") on this file"};
  }
  return deserialize(output.data);
}

}  // namespace atip
