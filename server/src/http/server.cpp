// The Poco side of the server: sockets, threads, request parsing, response writing, and the
// guarantees every response shares (JSON errors, security headers, CORS, limits, metrics).
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
#include <Poco/URI.h>

#include <atomic>
#include <chrono>
#include <fstream>

#include "api/app_context.h"
#include "archive/archive.h"
#include "atip/server/http_server.h"
#include "atip/server/search_service.h"
#include "atip/text.h"
#include "http/http_error.h"
#include "http/metrics.h"
#include "http/rate_limiter.h"
#include "http/routes.h"

namespace atip {
namespace {

const char* kApiCsp = "default-src 'none'; frame-ancestors 'none'";
const char* kPageCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

struct Shared {
  ServerConfig config;
  SearchService search;
  http::Metrics metrics;
  std::unique_ptr<archive::Archive> archive;  // with a data folder only
  api::AppContext ctx;
  http::Router router;
  http::RateLimiter limiter;
  // Set once listening: connections waiting for a thread (keep-alive yields to them).
  std::atomic<Poco::Net::TCPServer*> tcp{nullptr};

  bool connections_waiting() const {
    Poco::Net::TCPServer* server = tcp.load();
    return server && server->queuedConnections() > 0;
  }

  explicit Shared(ServerConfig c)
      : config(std::move(c)),
        search(SearchServiceOptions{config.db_path, config.query_time_budget_seconds, config.max_query_chars,
                                    config.exact_count_limit}),
        ctx{search, config, metrics, nullptr},
        router(http::make_routes(ctx)),
        limiter(config.rate_per_second, config.rate_burst) {}
};

bool origin_allowed(const ServerConfig& config, const std::string& origin) {
  for (const auto& o : config.cors_origins) {
    if (o == "*" || o == origin) return true;
  }
  return false;
}

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Shared& shared) : shared_(shared) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    auto started = std::chrono::steady_clock::now();
    std::string endpoint = "unknown";
    http::Response out;
    std::string origin;
    try {
      origin = request.get("Origin", "");
      out = handle(request, endpoint);
    } catch (const std::exception& e) {
      out = http::error_response({ErrorCode::kInternal, "the server could not answer this request"});
    } catch (...) {
      out = http::error_response({ErrorCode::kInternal, "the server could not answer this request"});
    }
    try {
      send(request, response, out, origin);
    } catch (...) {
      // The client went away; nothing more to do.
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    shared_.metrics.observe(endpoint, out.status, seconds);
  }

 private:
  http::Response handle(Poco::Net::HTTPServerRequest& request, std::string& endpoint) {
    const ServerConfig& config = shared_.config;
    if (request.getURI().size() > config.max_url_bytes) {
      return http::error_response({ErrorCode::kTooLarge, "the address is too long"});
    }
    http::Request req;
    req.method = request.getMethod();
    req.client = request.clientAddress().host().toString();
    if (int wait = shared_.limiter.acquire(req.client)) {
      endpoint = "rate_limited";
      auto r = http::error_response({ErrorCode::kRateLimited, "too many requests; retry in " + std::to_string(wait) + " s"});
      r.set_header("Retry-After", std::to_string(wait));
      return r;
    }
    Poco::URI uri;
    try {
      uri = Poco::URI(request.getURI());
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
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[lower] = value;
    }
    if (req.method == "OPTIONS") {
      endpoint = "preflight";
      http::Response r;
      r.status = 204;
      r.body.clear();
      r.content_type.clear();
      return r;
    }
    http::Match match = shared_.router.match(req.method, req.path);
    if (!match.route) {
      if (match.path_known) {
        auto r = http::error_response({ErrorCode::kInvalidArgument, "method " + req.method + " is not allowed here"});
        r.status = 405;
        std::string allow;
        for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
        r.set_header("Allow", allow);
        return r;
      }
      return http::error_response(not_found("no such endpoint: " + req.path.substr(0, 100)));
    }
    endpoint = match.route->name;
    req.params = std::move(match.params);
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(config.max_body_bytes)) {
      return http::error_response({ErrorCode::kTooLarge, "the request body is larger than " +
                                                             std::to_string(config.max_body_bytes) + " bytes"});
    }
    // A request without Content-Length or chunked encoding has no body (RFC 9112 6.3): reading
    // one would wait for the client to close the connection.
    bool has_body = request.hasContentLength() || request.getChunkedTransferEncoding();
    if ((req.method == "POST" || req.method == "PUT") && has_body) {
      std::istream& in = request.stream();
      char buf[65536];
      while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        req.body.append(buf, static_cast<size_t>(in.gcount()));
        if (req.body.size() > config.max_body_bytes) {
          return http::error_response({ErrorCode::kTooLarge, "the request body is larger than " +
                                                                 std::to_string(config.max_body_bytes) + " bytes"});
        }
      }
    }
    return match.route->handler(req);
  }

  void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const http::Response& out,
            const std::string& origin) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    bool is_page = out.content_type.rfind("text/html", 0) == 0;
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "strict-origin-when-cross-origin");
    response.set("Content-Security-Policy", is_page ? kPageCsp : kApiCsp);
    if (is_page) response.set("X-Frame-Options", "SAMEORIGIN");
    if (!origin.empty() && origin_allowed(shared_.config, origin)) {
      bool any = std::find(shared_.config.cors_origins.begin(), shared_.config.cors_origins.end(), "*") !=
                 shared_.config.cors_origins.end();
      response.set("Access-Control-Allow-Origin", any ? "*" : origin);
      response.set("Vary", "Origin");
      response.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
      response.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
      response.set("Access-Control-Max-Age", "600");
    }
    if (request.getURI().rfind("/searchbox.js", 0) == 0) response.set("Cross-Origin-Resource-Policy", "cross-origin");
    for (const auto& [k, v] : out.headers) response.set(k, v);
    if (!out.content_type.empty()) response.setContentType(out.content_type);
    bool head = request.getMethod() == "HEAD";
    if (out.status == 204 || out.status == 304) {
      response.setContentLength(0);
      response.send();
      return;
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
    response.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
    if (head) {
      response.send();
      return;
    }
    response.sendBuffer(out.body.data(), out.body.size());
  }

  Shared& shared_;
};

// Poco's own HTTPServerConnection answers a request it cannot parse (a request line over
// 16 KiB, broken headers) with an empty 400; this connection loop does the same work but
// answers such requests with the JSON error every other response has.
class Connection final : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params, Shared& shared)
      : Poco::Net::TCPServerConnection(socket), params_(std::move(params)), shared_(shared) {}

  void run() override {
    Poco::Net::HTTPServerSession session(socket(), params_);
    while (session.hasMoreRequests()) {
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_);
        response.setVersion(request.getVersion());
        // A connection holds its thread while it is kept alive: with others waiting for a thread, this
        // answer closes it, so that a pool of N threads serves more than N clients in turn.
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive() &&
                              !shared_.connections_waiting());
        response.set("Server", "atip-server");
        if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
          response.sendContinue();
        }
        RequestHandler handler(shared_);
        handler.handleRequest(request, response);
        session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
      } catch (const Poco::Net::NoMessageException&) {
        break;
      } catch (const Poco::Net::MessageException& e) {
        send_error(session, "the request could not be read (" + e.message() +
                                "); an address may be at most 16384 bytes");
        break;
      } catch (const Poco::Exception&) {
        break;  // the connection failed; nothing can be sent
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
  if (!config.data_dir.empty() && !impl_->shared->archive) {
    archive::ArchiveOptions options;
    options.data_dir = config.data_dir;
    options.db_path = config.db_path;
    options.reference_dir = config.reference_dir;
    options.max_file_bytes = config.max_upload_bytes;
    options.sandbox = config.sandbox_extraction;
    auto opened = archive::Archive::open(options);
    if (!opened) return opened.error();
    // Before the first request: finish or drop what a crash interrupted, so store and index agree.
    auto recovered = opened.value()->recover();
    if (!recovered) {
      return Error{ErrorCode::kUnavailable, "cannot bring the archive and the index into agreement: " +
                                                recovered.error().message};
    }
    for (const auto& note : recovered.value().notes) impl_->notes.push_back("recovery: " + note);
    impl_->shared->archive = std::move(opened.value());
    impl_->shared->ctx.archive = impl_->shared->archive.get();
  }
  try {
    Poco::Net::SocketAddress address(config.bind, static_cast<Poco::UInt16>(config.port));
    Poco::Net::ServerSocket socket(address, 128);
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
    // Connections still running may hold the server's address (connections_waiting): let them end first.
    impl_->pool->joinAll();
    impl_->server.reset();
  }
}

int HttpServer::port() const { return impl_->port; }

const std::vector<std::string>& HttpServer::notes() const { return impl_->notes; }

}  // namespace atip
