// The pure parts of the HTTP conventions: content coding, entity tags, addresses, allowed
// methods, and what exports make of text someone else wrote.
#include <gtest/gtest.h>

#include "api/file_response.h"
#include "api/render.h"
#include "http/compression.h"
#include "http/conditional.h"
#include "http/public_address.h"
#include "http/router.h"

namespace atip::http {
namespace {

TEST(CompressionTest, NegotiatesTheBestAcceptedCoding) {
  EXPECT_EQ(negotiate_coding(""), Coding::kIdentity);
  EXPECT_EQ(negotiate_coding("gzip"), Coding::kGzip);
  EXPECT_EQ(negotiate_coding("gzip, deflate, br"), Coding::kBrotli);
  EXPECT_EQ(negotiate_coding("br;q=0.5, gzip"), Coding::kGzip);
  EXPECT_EQ(negotiate_coding("br;q=0, gzip;q=0"), Coding::kIdentity);
  EXPECT_EQ(negotiate_coding("GZIP;Q=0.7"), Coding::kGzip);
  EXPECT_EQ(negotiate_coding("*"), Coding::kBrotli);
  EXPECT_EQ(negotiate_coding("*;q=0, gzip"), Coding::kGzip);
  EXPECT_EQ(negotiate_coding("identity"), Coding::kIdentity);
  EXPECT_EQ(negotiate_coding("gzip;q=abc"), Coding::kIdentity) << "a malformed weight accepts nothing";
  EXPECT_EQ(negotiate_coding("deflate"), Coding::kIdentity);
}

TEST(CompressionTest, CompressesTextFormatsOnly) {
  for (const char* t : {"application/json; charset=utf-8", "text/javascript; charset=utf-8", "text/css",
                        "application/atom+xml; charset=utf-8", "text/csv; charset=utf-8", "text/markdown; charset=utf-8",
                        "text/html; charset=utf-8", "image/svg+xml", "text/plain; version=0.0.4"}) {
    EXPECT_TRUE(is_compressible(t)) << t;
  }
  for (const char* t : {"application/pdf", "image/png", "font/woff2", ""}) EXPECT_FALSE(is_compressible(t)) << t;
}

TEST(CompressionTest, GzipAndBrotliShrinkRepetitiveText) {
  std::string body;
  for (int i = 0; i < 200; ++i) body += "{\"text\":\"trafficking in persons\"},";
  std::string gz = encode(Coding::kGzip, body);
  EXPECT_LT(gz.size(), body.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // the gzip magic number
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(encode(Coding::kBrotli, body).size(), body.size() / 10);
  EXPECT_EQ(encode(Coding::kIdentity, body), body);
}

TEST(ConditionalTest, IfNoneMatchUsesTheWeakComparison) {
  const std::string tag = weak_etag("abc.7");
  EXPECT_EQ(tag, "W/\"abc.7\"");
  EXPECT_TRUE(if_none_match_matches(tag, tag));
  EXPECT_TRUE(if_none_match_matches("\"abc.7\"", tag));
  EXPECT_TRUE(if_none_match_matches(" * ", tag));
  EXPECT_TRUE(if_none_match_matches("\"x\", W/\"abc.7\"", tag));
  EXPECT_TRUE(if_none_match_matches("\"x\",\"abc.7\"", tag));
  EXPECT_TRUE(if_none_match_matches("\"a,b\", \"abc.7\"", tag)) << "a comma inside a tag does not split it";
  EXPECT_FALSE(if_none_match_matches("\"abc.8\"", tag));
  EXPECT_FALSE(if_none_match_matches("abc.7", tag)) << "an unquoted tag is malformed";
  EXPECT_FALSE(if_none_match_matches("", tag));
  EXPECT_FALSE(if_none_match_matches("\"abc.7", tag));
  EXPECT_FALSE(if_none_match_matches("W/\"abc.7\"", "not-a-tag"));
  EXPECT_EQ(weak_etag("a\"b"), "W/\"a'b\"");
}

TEST(RouterTest, AllowListsEachMethodOnceWithHeadAndOptions) {
  EXPECT_EQ(allow_header({"GET"}), "GET, HEAD, OPTIONS");
  EXPECT_EQ(allow_header({"PUT", "GET", "DELETE", "GET"}), "GET, HEAD, PUT, DELETE, OPTIONS");
  EXPECT_EQ(allow_header({"POST"}), "POST, OPTIONS");
  Router router({{"POST", "/api/v1/documents/{id}/restore", "write", nullptr},
                 {"GET", "/api/v1/documents/{id}", "document", nullptr},
                 {"GET", "/*", "static", nullptr}});
  Match restore = router.match("GET", "/api/v1/documents/x/restore");
  EXPECT_EQ(restore.route, nullptr) << "the catch-all does not answer a path an exact route names";
  EXPECT_TRUE(restore.path_known);
  EXPECT_EQ(restore.allowed, std::vector<std::string>{"POST"});
  Match api_miss = router.match("POST", "/api/v1/nothing");
  EXPECT_FALSE(api_miss.path_known) << "an API path no exact route names is no page: 404, not 405";
  EXPECT_FALSE(router.match("GET", "/api/v1/nothing").path_known);
  Match page = router.match("GET", "/app.js");
  ASSERT_NE(page.route, nullptr);
  EXPECT_EQ(page.route->name, "static");
  EXPECT_EQ(router.match("HEAD", "/api/v1/documents/x").route->name, "document");
}

TEST(PublicAddressTest, LinksComeFromTheConfiguredUrlNeverFromTheClient) {
  ServerConfig config;
  config.bind = "127.0.0.1";
  config.port = 8080;
  Request req;
  req.peer = "203.0.113.9";
  req.client = "203.0.113.9";
  req.headers = {{"host", "evil.example"}, {"x-forwarded-proto", "https"}, {"x-forwarded-host", "evil.example"}};
  EXPECT_EQ(public_base_url(config, req), "http://127.0.0.1:8080");
  config.bind = "0.0.0.0";
  EXPECT_EQ(public_base_url(config, req), "http://127.0.0.1:8080");
  config.bind = "::";
  EXPECT_EQ(public_base_url(config, req), "http://[::1]:8080");
  config.public_url = "https://atip.example.org/";
  EXPECT_EQ(public_base_url(config, req), "https://atip.example.org");

  config.public_url.clear();
  config.trusted_proxies = {"10.0.0.2"};
  EXPECT_EQ(public_base_url(config, req), "http://[::1]:8080") << "the peer is no trusted proxy";
  req.peer = "::ffff:10.0.0.2";  // as a dual-stack socket names the proxy
  req.client = "198.51.100.7";   // what X-Forwarded-For said: the visitor, not the proxy
  req.headers = {{"host", "internal:8080"}, {"x-forwarded-proto", "https"}, {"x-forwarded-host", "atip.oas.org"},
                 {"x-forwarded-for", "198.51.100.7"}};
  EXPECT_EQ(public_base_url(config, req), "https://atip.oas.org");
  req.headers["x-forwarded-host"] = "bad host/<script>";
  EXPECT_EQ(public_base_url(config, req), "http://[::1]:8080") << "an invalid forwarded host is not used";
}

TEST(PublicAddressTest, ClientBehindTrustedProxiesIsTheFirstUntrustedHop) {
  ServerConfig config;
  config.trusted_proxies = {"10.0.0.2", "10.0.0.3"};
  EXPECT_EQ(client_address(config, "198.51.100.1", "1.2.3.4"), "198.51.100.1") << "untrusted peers cannot claim";
  EXPECT_EQ(client_address(config, "10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.3"), "198.51.100.7");
  EXPECT_EQ(client_address(config, "10.0.0.2", ""), "10.0.0.2");
  EXPECT_EQ(client_address(config, "10.0.0.2", "10.0.0.3"), "10.0.0.2");
  EXPECT_EQ(client_address(config, "::ffff:10.0.0.2", "1.2.3.4"), "1.2.3.4");
  EXPECT_EQ(check_proxy_address("10.0.0.2"), "");
  EXPECT_EQ(check_proxy_address("::1"), "");
  EXPECT_NE(check_proxy_address("localhost"), "");
  EXPECT_NE(check_proxy_address("10.0.0.0/8"), "");
  EXPECT_NE(check_proxy_address("::ffff:10.0.0.2"), "");
  EXPECT_EQ(check_origin("https://www.oas.org"), "");
  EXPECT_EQ(check_origin("*"), "");
  EXPECT_NE(check_origin("https://www.oas.org/"), "") << "an origin has no path";
  EXPECT_NE(check_origin("www.oas.org"), "");
}

TEST(PublicAddressTest, PublicUrlIsChecked) {
  EXPECT_EQ(check_public_url("https://atip.example.org"), "");
  EXPECT_EQ(check_public_url("http://[::1]:8080/atip/"), "");
  EXPECT_NE(check_public_url("ftp://x"), "");
  EXPECT_NE(check_public_url("atip.example.org"), "");
  EXPECT_NE(check_public_url("https://a b"), "");
  EXPECT_NE(check_public_url("https://x/?q=1"), "");
}

TEST(ExportTest, CsvCellsNeverStartAFormula) {
  EXPECT_EQ(api::csv_cell("Law 1"), "\"Law 1\"");
  EXPECT_EQ(api::csv_cell("say \"no\""), "\"say \"\"no\"\"\"");
  for (const std::string s : {"=HYPERLINK(\"http://x\")", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1+2"}) {
    std::string cell = api::csv_cell(s);
    EXPECT_EQ(cell.rfind("\"'", 0), 0u) << s << " -> " << cell;
  }
  EXPECT_EQ(api::csv_cell("line\nbreak"), "\"line break\"");
}

TEST(ExportTest, MarkdownOfUploadedTextIsLiteral) {
  EXPECT_EQ(api::markdown_escape("[x](javascript:alert(1))"), "\\[x\\]\\(javascript:alert\\(1\\)\\)");
  EXPECT_EQ(api::markdown_escape("<b>bold</b>"), "\\<b\\>bold\\</b\\>");
  EXPECT_EQ(api::markdown_escape("a\\*b*"), "a\\\\\\*b\\*");
  EXPECT_EQ(api::markdown_escape("![img](x)"), "\\!\\[img\\]\\(x\\)");
  EXPECT_EQ(api::markdown_escape("&amp; ~~s~~ |t|"), "\\&amp; \\~\\~s\\~\\~ \\|t\\|");
  EXPECT_EQ(api::markdown_escape("# title\nnext"), "\\# title next");
  EXPECT_EQ(api::markdown_escape("- item"), "\\- item");
  EXPECT_EQ(api::markdown_escape("12. item"), "12\\. item");
  EXPECT_EQ(api::markdown_escape("Article 12. Shelters"), "Article 12. Shelters") << "plain text stays readable";
  EXPECT_EQ(api::markdown_escape("see https://evil.example and www.evil.example"),
            "see https\\://evil.example and www\\.evil.example") << "GFM autolinks";
  EXPECT_EQ(api::markdown_escape("user@evil.example"), "user\\@evil.example");
  EXPECT_EQ(api::markdown_escape("Note: the www page"), "Note: the www page");
}

}  // namespace
}  // namespace atip::http

namespace atip::api {
namespace {

TEST(ByteRangeTest, OneRangeIsServedAndTheRestIgnoredOrRefused) {
  using K = ByteRange::Kind;
  auto one = [](const std::string& h, long long first, long long last) {
    ByteRange r = parse_byte_range(h, 100);
    EXPECT_EQ(r.kind, ByteRange::Kind::kOne) << h;
    EXPECT_EQ(r.first, first) << h;
    EXPECT_EQ(r.last, last) << h;
  };
  one("bytes=0-9", 0, 9);
  one("bytes=90-", 90, 99);
  one("bytes=-10", 90, 99);
  one("BYTES=0-9", 0, 9);
  one("bytes=0-9,", 0, 9);
  one("bytes= 5-7", 5, 7);
  EXPECT_EQ(parse_byte_range("bytes = 0-9", 100).kind, K::kIgnore) << "no spaces around '='";
  EXPECT_EQ(parse_byte_range("bytes=5 - 7", 100).kind, K::kIgnore) << "no spaces inside a range";
  one("bytes=50-999999999999999999999999999999", 50, 99);
  one("bytes=-999999999999999999999999999999", 0, 99);
  EXPECT_EQ(parse_byte_range("bytes=100-", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(parse_byte_range("bytes=-0", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(parse_byte_range("bytes=999999999999999999999-", 100).kind, K::kUnsatisfiable);
  EXPECT_EQ(parse_byte_range("items=0-5", 100).kind, K::kIgnore) << "another unit must be ignored";
  EXPECT_EQ(parse_byte_range("bytes=0-1,5-6", 100).kind, K::kIgnore) << "several ranges: the whole file";
  EXPECT_EQ(parse_byte_range("bytes=9-2", 100).kind, K::kIgnore);
  EXPECT_EQ(parse_byte_range("bytes=a-b", 100).kind, K::kIgnore);
  EXPECT_EQ(parse_byte_range("bytes", 100).kind, K::kIgnore);
}

}  // namespace
}  // namespace atip::api
