#include "application.h"

#include "http/routes.h"

namespace atip {

Application::Application(ServerConfig settings)
    : config(std::move(settings)),
      search(SearchServiceOptions{config.db_path, config.query_time_budget_seconds, config.max_query_chars,
                                  config.exact_count_limit}),
      ctx{search, config, metrics, nullptr},
      router(http::make_routes(ctx)) {}

Result<bool> Application::open(std::vector<std::string>& notes) {
  if (auto readable = search.health(); !readable) {
    return Error{ErrorCode::kUnavailable, "the index at " + config.db_path + " cannot be used: " + readable.error().message};
  }
  if (config.data_dir.empty() || archive) return true;
  archive::ArchiveOptions options;
  options.data_dir = config.data_dir;
  options.db_path = config.db_path;
  options.reference_dir = config.reference_dir;
  options.max_file_bytes = config.max_upload_bytes;
  options.sandbox = config.sandbox_extraction;
  auto opened = archive::Archive::open(options);
  if (!opened) return opened.error();
  auto recovered = opened.value()->recover();
  if (!recovered) {
    return Error{ErrorCode::kUnavailable, "cannot bring the archive and the index into agreement: " +
                                              recovered.error().message};
  }
  for (const auto& note : recovered.value().notes) notes.push_back("recovery: " + note);
  archive = std::move(opened.value());
  ctx.archive = archive.get();
  return true;
}

}  // namespace atip
