#include "http/multipart.h"

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace atip::http {

Result<std::vector<FormPart>> parse_multipart(const std::string& content_type, const std::string& body,
                                              const MultipartLimits& limits) {
  std::string media;
  Poco::Net::NameValueCollection params;
  Poco::Net::MessageHeader::splitParameters(content_type, media, params);
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "multipart/form-data") {
    return Error{ErrorCode::kUnsupported, "send the document as multipart/form-data (a 'file' part and its metadata), not '" +
                                              media.substr(0, 60) + "'"};
  }
  std::string boundary = params.get("boundary", "");
  if (boundary.empty() || boundary.size() > 200) {
    return invalid_argument("the multipart/form-data content type has no boundary");
  }
  std::vector<FormPart> parts;
  try {
    std::istringstream in(body);
    Poco::Net::MultipartReader reader(in, boundary);
    while (reader.hasNextPart()) {
      if (parts.size() >= limits.max_parts) {
        return invalid_argument("the form has more than " + std::to_string(limits.max_parts) + " parts");
      }
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      FormPart part;
      std::string disposition_type;
      Poco::Net::NameValueCollection disposition;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition_type, disposition);
      part.name = disposition.get("name", "");
      part.file_name = disposition.get("filename", "");
      part.content_type = header.get("Content-Type", "");
      Poco::StreamCopier::copyToString(reader.stream(), part.data);
      if (part.name.empty()) return invalid_argument("a form part has no name (Content-Disposition: form-data; name=...)");
      if (part.file_name.empty() && part.data.size() > limits.max_field_bytes) {
        return Error{ErrorCode::kTooLarge, "the form field '" + part.name.substr(0, 40) + "' is too large"};
      }
      parts.push_back(std::move(part));
    }
  } catch (const Poco::Exception& e) {
    return invalid_argument("the multipart/form-data body is malformed: " + e.message());
  }
  if (parts.empty()) return invalid_argument("the form is empty");
  return parts;
}

}  // namespace atip::http
