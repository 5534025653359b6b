// An upload form (multipart/form-data) as an archive upload: the "file" part, and the metadata as a
// sidecar part ("metadata", or "sidecar") or as fields named as the sidecar's elements (id, title,
// type, symbol (repeatable), date, years ("2010-2014" or "2013"), jurisdiction, language, source, note).
#pragma once

#include "archive/archive.h"
#include "atip/result.h"
#include "http/http_types.h"

namespace atip::api {

// file_required: a replace may leave the file out (a new version with new metadata only).
Result<archive::Upload> read_upload_form(const http::Request& req, bool file_required);

}  // namespace atip::api
