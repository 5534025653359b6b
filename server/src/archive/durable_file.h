// Files that survive a crash whole or not at all: written beside their place, flushed, renamed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "atip/result.h"

namespace atip::archive {

// Writes bytes to path atomically and durably (temp file, fsync, rename, fsync of the folder).
Result<bool> write_file_durably(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0644);
// Removes a file and makes the removal durable.
Result<bool> remove_file_durably(const std::filesystem::path& path);
Result<std::string> read_whole_file(const std::filesystem::path& path);
// Flushes a folder's entries (after a rename or unlink in it).
void sync_folder(const std::filesystem::path& folder);

// The current UTC time as RFC 3339 ("2024-05-01T12:00:00Z").
std::string utc_now();

}  // namespace atip::archive
