// The Poco side of the server: sockets, threads, request parsing, response writing, and the
// guarantees every response shares (JSON errors, security headers, CORS, limits, metrics). What is
// served is an Application (application.h), assembled elsewhere.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <atomic>
#include <optional>
#include <chrono>
#include <cstring>
#include <fstream>

#include "application.h"
#include "atip/server/http_server.h"
#include "atip/text.h"
#include "api/auth.h"
#include "http/compression.h"
#include "http/conditional.h"
#include "http/read_deadline.h"
#include "http/encoded_files.h"
#include "http/framing.h"
#include "http/http_error.h"
#include "http/metrics.h"
#include "http/public_address.h"
#include "http/rate_limiter.h"

namespace atip {
namespace {

const char* kApiCsp = "default-src 'none'; frame-ancestors 'none'";
const char* kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

constexpr size_t kEncodedFilesBytes = size_t{32} << 20;  // the web page is well under 1 MiB

// The application served, with what the HTTP side keeps beside it.
struct Shared : Application {
  http::RateLimiter limiter;
  http::EncodedFiles encoded_files{kEncodedFilesBytes};
  http::ReadDeadlines read_deadlines;
  // Part of the ETag of answers read from the index: another server process (other settings, another
  // build) may answer differently.
  const std::string instance = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  // Set once listening: connections waiting for a thread (keep-alive yields to them).
  std::atomic<Poco::Net::TCPServer*> tcp{nullptr};

  bool connections_waiting() const {
    Poco::Net::TCPServer* server = tcp.load();
    return server && server->queuedConnections() > 0;
  }

  explicit Shared(ServerConfig c)
      : Application(std::move(c)),
        limiter(config.rate_per_second, config.rate_burst),
        read_deadlines(std::chrono::seconds(config.request_timeout_seconds)) {}
};

bool origin_allowed(const ServerConfig& config, const std::string& origin) {
  for (const auto& o : config.cors_origins) {
    if (o == "*" || o == origin) return true;
  }
  return false;
}

// Headers of ours a page on an allowed origin may read.
const char* kExposedHeaders = "ETag, Location, Retry-After, Content-Disposition";

// What a handled request leaves for its connection to do.
struct Handled {
  std::string endpoint = "unknown";
  bool close_connection = false;
};

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  RequestHandler(Shared& shared, const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerResponse* continue_to)
      : shared_(shared), socket_(socket), continue_to_(continue_to) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    auto started = std::chrono::steady_clock::now();
    http::Response out;
    std::string origin;
    try {
      origin = request.get("Origin", "");
      out = handle(request);
    } catch (...) {
      out = http::error_response({ErrorCode::kInternal, "the server could not answer this request"});
    }
    // One rule for every answer: the connection closes when the request declared a body that was not
    // read to its end (those bytes must never be taken for a next request), or its framing was refused.
    bool body_declared = request.getChunkedTransferEncoding() ||
                         (request.hasContentLength() && request.getContentLength64() > 0);
    handled_.close_connection = out.close_connection || (body_declared && !body_read_);
    if (handled_.close_connection) response.setKeepAlive(false);
    try {
      send(request, response, out, origin);
    } catch (...) {
      // The client went away; nothing more to do.
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    shared_.metrics.observe(handled_.endpoint, out.status, seconds);
  }

  const Handled& handled() const { return handled_; }

 private:
  http::Response handle(Poco::Net::HTTPServerRequest& request) {
    if (std::string problem = http::framing_problem(request); !problem.empty()) {
      http::Response r = http::error_response(invalid_argument(problem));
      r.close_connection = true;  // what follows on this connection cannot be told apart from this request
      return r;
    }
    if (!http::is_known_method(request.getMethod())) {
      http::Response r = http::error_response(
          {ErrorCode::kUnsupported, "method " + request.getMethod().substr(0, 20) + " is not implemented"});
      r.status = 501;
      return r;
    }
    http::Request req;
    if (auto malformed = parse_request(request, req)) return *malformed;
    http::Match match = shared_.router.match(req.method, req.path);
    if (match.route) handled_.endpoint = match.route->name;
    if (int wait = shared_.limiter.acquire(req.client)) {
      shared_.metrics.rate_limited(handled_.endpoint);
      auto r = http::error_response({ErrorCode::kRateLimited, "too many requests; retry in " + std::to_string(wait) + " s"});
      r.set_header("Retry-After", std::to_string(wait));
      return r;
    }
    if (req.method == "OPTIONS") {
      handled_.endpoint = "preflight";
      http::Response r;
      r.status = 204;
      r.content_type.clear();
      if (match.path_known) r.set_header("Allow", http::allow_header(match.allowed));
      return r;
    }
    if (!match.route) {
      if (!match.path_known) return http::error_response(not_found("no such endpoint: " + req.path.substr(0, 100)));
      handled_.endpoint = "method_not_allowed";
      std::string allow = http::allow_header(match.allowed);
      auto r = http::error_response(
          {ErrorCode::kMethodNotAllowed, "method " + req.method + " is not allowed here; allowed: " + allow});
      r.set_header("Allow", allow);
      return r;
    }
    const http::Route& route = *match.route;
    req.params = std::move(match.params);
    // Refused before a byte of the body is read (and before 100 Continue): a writer without a
    // valid token, and a body larger than the limit.
    if (route.access == http::Access::kWriter) {
      auto who = api::authenticate(shared_.config, req);
      if (!who) return http::error_response(who.error());
    }
    size_t limit = body_limit(route);
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
      return too_large(limit);
    }
    bool has_body = request.hasContentLength() || request.getChunkedTransferEncoding();
    if (has_body && (req.method == "POST" || req.method == "PUT")) {
      if (auto failed = read_body(request, limit, req)) return *failed;
    }
    return route_response(route, req);
  }

  // The method, path, query, headers and client of a request; an answer when it is malformed.
  std::optional<http::Response> parse_request(Poco::Net::HTTPServerRequest& request, http::Request& req) const {
    const ServerConfig& config = shared_.config;
    if (request.getURI().size() > config.max_url_bytes) {
      return http::error_response({ErrorCode::kTooLarge, "the address is too long"});
    }
    req.method = request.getMethod();
    try {
      Poco::URI uri(request.getURI());
      req.path = uri.getPath();
      for (auto& [k, v] : uri.getQueryParameters()) req.query.emplace_back(k, v);
    } catch (const Poco::Exception&) {
      return http::error_response(invalid_argument("the address is malformed"));
    }
    if (!text::is_valid_utf8(req.path) || req.path.find('\0') != std::string::npos || req.path.empty() ||
        req.path[0] != '/') {
      return http::error_response(invalid_argument("the address is malformed"));
    }
    for (const auto& [name, value] : request) {
      std::string& combined = req.headers[Poco::toLower(name)];
      combined += (combined.empty() ? "" : ", ") + value;  // a repeated list header is one list
    }
    req.peer = request.clientAddress().host().toString();
    req.client = http::client_address(config, req.peer, req.header("x-forwarded-for"));
    return std::nullopt;
  }

  // Reads a body of at most limit bytes into req.body; an answer when it cannot be read whole.
  std::optional<http::Response> read_body(Poco::Net::HTTPServerRequest& request, size_t limit, http::Request& req) {
    // RFC 9110 10.1.1: an HTTP/1.0 client's 100-continue expectation is ignored.
    if (continue_to_ && request.getExpectContinue() && request.getVersion() == Poco::Net::HTTPMessage::HTTP_1_1) {
      continue_to_->sendContinue();
    }
    // Each chunk must arrive within --timeout; the whole body may take that plus its size at a slow rate.
    const ServerConfig& config = shared_.config;
    long long declared = request.hasContentLength() ? request.getContentLength64() : static_cast<long long>(limit);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(config.request_timeout_seconds) +
                    std::chrono::seconds(declared / kMinBodyBytesPerSecond);
    auto too_slow = [] {
      http::Response r = http::error_response(invalid_argument("the request body did not arrive in time"));
      r.status = 408;
      return r;
    };
    http::ReadDeadlines::Watch reading_body(shared_.read_deadlines, socket_);
    std::istream& in = request.stream();
    char buf[kBodyChunkBytes];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      reading_body.renew();
      req.body.append(buf, static_cast<size_t>(in.gcount()));
      if (req.body.size() > limit) return too_large(limit);
      if (std::chrono::steady_clock::now() > deadline) return too_slow();
    }
    // A stream that ends early (a timeout, the deadline's shutdown, a closed connection) is no body.
    if (request.hasContentLength() && req.body.size() != static_cast<size_t>(request.getContentLength64())) {
      return too_slow();
    }
    // Poco cannot tell a malformed chunk from the last one: a chunked body is never known to be whole,
    // so its connection closes after the answer.
    body_read_ = request.hasContentLength();
    return std::nullopt;
  }

  // Runs the route. A GET validated by the index revision carries an ETag of this URL at this revision
  // and answers a matching If-None-Match with 304 before the work; "*" matches only an answer that exists.
  http::Response route_response(const http::Route& route, const http::Request& req) {
    if (route.validation != http::Validation::kIndexRevision || (req.method != "GET" && req.method != "HEAD")) {
      return route.handler(req);
    }
    // The tag is read before the answer, so the answer is never older than the tag it carries.
    auto tag = shared_.search.content_tag();
    if (!tag) return route.handler(req);
    std::string url = req.path;
    for (const auto& [k, v] : req.query) url += "&" + k + "=" + v;
    char url_hash[17];
    std::snprintf(url_hash, sizeof url_hash, "%016zx", std::hash<std::string>{}(url));
    std::string etag = http::weak_etag(tag.value() + "." + shared_.instance + "." + url_hash);
    std::string condition = req.header("if-none-match");
    bool any = condition.find_first_not_of(" \t*") == std::string::npos && condition.find('*') != std::string::npos;
    if (!any && !condition.empty() && http::if_none_match_matches(condition, etag)) return not_modified(route, etag);
    http::Response r = route.handler(req);
    if (r.status != 200) return r;
    if (any) return not_modified(route, etag);
    r.set_header("ETag", etag);
    r.set_header("Cache-Control", route.cache_control);
    return r;
  }

  // A 304 carries what the 200 would: ETag, Cache-Control and Vary (RFC 9110 15.4.5).
  static http::Response not_modified(const http::Route& route, const std::string& etag) {
    http::Response r;
    r.status = 304;
    r.content_type.clear();
    r.varies_by_encoding = true;
    r.set_header("ETag", etag);
    r.set_header("Cache-Control", route.cache_control);
    return r;
  }

  size_t body_limit(const http::Route& route) const {
    const ServerConfig& config = shared_.config;
    if (route.access != http::Access::kWriter) return config.max_body_bytes;
    // An upload's form adds its metadata fields and boundaries to the file.
    return std::min(config.max_body_bytes, config.max_upload_bytes + kUploadFormOverhead);
  }

  static http::Response too_large(size_t limit) {
    return http::error_response(
        {ErrorCode::kTooLarge, "the request body is larger than " + std::to_string(limit) + " bytes"});
  }

  void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, http::Response& out,
            const std::string& origin) {
    set_headers(request, response, out, origin);
    write_body(request, response, out);
  }

  // The headers every answer shares (security, CORS, Vary) and the answer's own.
  void set_headers(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   const http::Response& out, const std::string& origin) const {
    const ServerConfig& config = shared_.config;
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    bool is_page = out.content_type.rfind("text/html", 0) == 0;
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "strict-origin-when-cross-origin");
    response.set("Content-Security-Policy", is_page ? kPageCsp : kApiCsp);
    if (is_page) response.set("X-Frame-Options", "SAMEORIGIN");
    std::vector<std::string> vary;
    // Caches must keep answers apart by Origin whenever some origin may get CORS headers.
    if (!config.cors_origins.empty()) vary.push_back("Origin");
    if (!origin.empty() && origin_allowed(config, origin)) {
      bool any = std::find(config.cors_origins.begin(), config.cors_origins.end(), "*") != config.cors_origins.end();
      response.set("Access-Control-Allow-Origin", any ? "*" : origin);
      response.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      response.set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match");
      response.set("Access-Control-Expose-Headers", kExposedHeaders);
      response.set("Access-Control-Max-Age", "600");
    }
    if (request.getURI().rfind("/searchbox.js", 0) == 0) response.set("Cross-Origin-Resource-Policy", "cross-origin");
    for (const auto& [k, v] : out.headers) response.set(k, v);
    if (!out.content_type.empty()) response.setContentType(out.content_type);
    if ((out.compressible && http::is_compressible(out.content_type)) || out.varies_by_encoding) {
      vary.push_back("Accept-Encoding");
    }
    if (!vary.empty()) {
      std::string v;
      for (const auto& name : vary) v += (v.empty() ? "" : ", ") + name;
      response.set("Vary", v);
    }
  }

  // The body: none for 204 and 304 (and no Content-Length, RFC 9110 8.6), a file streamed, or a
  // buffer compressed as the client accepts.
  void write_body(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, http::Response& out) {
    bool head = request.getMethod() == "HEAD";
    bool compressible = out.compressible && http::is_compressible(out.content_type);
    if (out.status == 204 || out.status == 304) {
      response.send();
      return;
    }
    std::string version = out.header("ETag");
    if (!out.file_path.empty() && compressible && !version.empty() &&
        out.file_length <= static_cast<long long>(kMaxCompressedFileBytes)) {
      // Web page files are small: compressed like any other answer, once per version of the file.
      http::Coding coding = out.file_length >= static_cast<long long>(http::kMinCompressedBytes)
                                ? http::negotiate_coding(request.get("Accept-Encoding", ""))
                                : http::Coding::kIdentity;
      if (auto encoded = shared_.encoded_files.get(out.file_path, version, coding)) {
        if (coding != http::Coding::kIdentity) response.set("Content-Encoding", std::string(http::coding_name(coding)));
        response.setContentLength64(static_cast<Poco::Int64>(encoded->size()));
        if (head) {
          response.send();
          return;
        }
        response.sendBuffer(encoded->data(), encoded->size());
        return;
      }
    }
    if (!out.file_path.empty()) {
      std::ifstream file(out.file_path, std::ios::binary);
      if (!file) {
        auto err = http::error_response(not_found("the file is no longer available"));
        response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
        response.setContentType(err.content_type);
        response.sendBuffer(err.body.data(), err.body.size());
        return;
      }
      response.setContentLength64(out.file_length);
      std::ostream& os = response.send();
      if (head) return;
      file.seekg(out.file_offset);
      char buf[65536];
      long long left = out.file_length;
      while (left > 0 && file) {
        file.read(buf, std::min<long long>(left, sizeof buf));
        std::streamsize n = file.gcount();
        if (n <= 0) break;
        os.write(buf, n);
        left -= n;
      }
      return;
    }
    if (compressible && out.body.size() >= http::kMinCompressedBytes) {
      http::Coding coding = http::negotiate_coding(request.get("Accept-Encoding", ""));
      if (coding != http::Coding::kIdentity) {
        out.body = http::encode(coding, out.body);
        response.set("Content-Encoding", std::string(http::coding_name(coding)));
      }
    }
    response.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
    if (head) {
      response.send();
      return;
    }
    response.sendBuffer(out.body.data(), out.body.size());
  }

  static constexpr size_t kUploadFormOverhead = size_t{1} << 20;
  static constexpr long long kMinBodyBytesPerSecond = 16384;
  static constexpr size_t kBodyChunkBytes = 4096;
  static constexpr size_t kMaxCompressedFileBytes = size_t{8} << 20;

  Shared& shared_;
  const Poco::Net::StreamSocket& socket_;
  Poco::Net::HTTPServerResponse* continue_to_;
  Handled handled_;
  bool body_read_ = false;  // the request's declared body was read to its end
};

// After an answer given without reading the request's body: stop sending, then read and drop what
// the client still sends for a moment, so that closing does not reset the connection (a reset can
// destroy the answer before the client has read it).
void close_gracefully(Poco::Net::StreamSocket& socket) {
  try {
    socket.shutdownSend();
    // Briefly: the worker thread waits here, and a client could trickle bytes to hold it.
    socket.setReceiveTimeout(Poco::Timespan(0, 100000));
    char buf[65536];
    size_t drained = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    while (drained < (size_t{8} << 20) && std::chrono::steady_clock::now() < deadline) {
      int n = socket.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      drained += static_cast<size_t>(n);
    }
  } catch (...) {
    // A timeout or a reset: the client has what it will read.
  }
}

// Poco's own HTTPServerConnection answers a request it cannot parse (a request line over
// 16 KiB, broken headers) with an empty 400; this connection loop does the same work but
// answers such requests with the JSON error every other response has. It also sends
// 100 Continue itself, only once a request's body is wanted.
class Connection final : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params, Shared& shared)
      : Poco::Net::TCPServerConnection(socket), params_(std::move(params)), shared_(shared) {}

  void run() override {
    Poco::Net::HTTPServerSession session(socket(), params_);
    while (session.hasMoreRequests()) {
      bool close_after = false;
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        std::optional<http::ReadDeadlines::Watch> reading_head(std::in_place, shared_.read_deadlines, socket());
        Poco::Net::HTTPServerRequestImpl request(response, session, params_);
        reading_head.reset();
        // Never echo the client's version token: HTTP/1.0 gets 1.0, anything else 1.1 (or a 400).
        response.setVersion(request.getVersion() == Poco::Net::HTTPMessage::HTTP_1_0 ? Poco::Net::HTTPMessage::HTTP_1_0
                                                                                    : Poco::Net::HTTPMessage::HTTP_1_1);
        // A connection holds its thread while it is kept alive: with others waiting for a thread, this
        // answer closes it, so that a pool of N threads serves more than N clients in turn.
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive() &&
                              !shared_.connections_waiting());
        response.set("Server", "atip-server");
        RequestHandler handler(shared_, socket(), &response);
        handler.handleRequest(request, response);
        close_after = handler.handled().close_connection;
        session.setKeepAlive(!close_after && params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
      } catch (const Poco::Net::NoMessageException&) {
        break;
      } catch (const Poco::Net::MessageException& e) {
        send_error(session, "the request could not be read (" + e.message() +
                                "); an address may be at most 16384 bytes");
        break;
      } catch (const Poco::SyntaxException&) {
        // Poco reads Content-Length as it makes the request: a value that is no number lands here.
        send_error(session, "the request's Content-Length is not a number of bytes");
        break;
      } catch (const Poco::Exception&) {
        break;  // the connection failed; nothing can be sent
      }
      // Only now, the response gone, is all of it sent (Poco flushes it on destruction).
      if (close_after) {
        close_gracefully(socket());
        break;
      }
    }
  }

 private:
  void send_error(Poco::Net::HTTPServerSession&, const std::string& message) {
    try {
      http::Response out = http::error_response(invalid_argument(message));
      std::string raw = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + out.content_type +
                        "\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
                        std::to_string(out.body.size()) + "\r\n\r\n" + out.body;
      socket().sendBytes(raw.data(), static_cast<int>(raw.size()));
      shared_.metrics.observe("malformed", 400, 0);
    } catch (...) {
    }
  }

  Poco::Net::HTTPServerParams::Ptr params_;
  Shared& shared_;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Shared& shared) : params_(std::move(params)), shared_(shared) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, params_, shared_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Shared& shared_;
};

}  // namespace

struct HttpServer::Impl {
  std::unique_ptr<Shared> shared;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::TCPServer> server;
  int port = 0;
  std::vector<std::string> notes;
};

HttpServer::HttpServer(ServerConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->shared = std::make_unique<Shared>(std::move(config));
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::start() {
  const ServerConfig& config = impl_->shared->config;
  if (auto opened = impl_->shared->open(impl_->notes); !opened) return opened.error();
  try {
    Poco::Net::SocketAddress address(config.bind, static_cast<Poco::UInt16>(config.port));
    // Without SO_REUSEPORT (which ServerSocket(address, backlog) sets): a second server on a port in
    // use must fail here, not share the port's requests with the first.
    Poco::Net::ServerSocket socket;
    socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(128);
    impl_->shared->config.port = socket.address().port();  // absolute links name the port really used
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.queue);
    params->setTimeout(Poco::Timespan(config.request_timeout_seconds, 0));
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(1000);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    // A dispatcher thread that misses the stop wake-up (Poco checks the flag only between waits)
    // notices it after this idle time: it bounds how long SIGTERM takes.
    params->setThreadIdleTime(Poco::Timespan(1, 0));
    params->setServerName("atip-server");
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, std::max(2, config.threads), 60);
    Poco::Net::HTTPServerParams::Ptr shared_params(params);
    impl_->server = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(shared_params, *impl_->shared),
                                                           *impl_->pool, socket, shared_params);
    impl_->shared->tcp = impl_->server.get();
    impl_->server->start();
    impl_->port = socket.address().port();
    if (config.public_url.empty() && config.bind != "127.0.0.1" && config.bind != "::1" && config.bind != "localhost") {
      impl_->notes.push_back("feeds and exports link to " + http::public_base_url(config, http::Request{}) +
                             "; set --public-url to the address clients use");
    }
    return impl_->port;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kUnavailable, "cannot listen on " + config.bind + ":" + std::to_string(config.port) + ": " +
                                              e.displayText()};
  }
}

void HttpServer::stop() {
  if (impl_ && impl_->server) {
    impl_->shared->tcp = nullptr;
    impl_->server->stop();
    impl_->shared->read_deadlines.shutdown_all();  // requests still arriving will not arrive in time
    // Connections still running may hold the server's address (connections_waiting): let them end first.
    impl_->pool->joinAll();
    impl_->server.reset();
  }
}

int HttpServer::port() const { return impl_->port; }

const std::vector<std::string>& HttpServer::notes() const { return impl_->notes; }

}  // namespace atip
