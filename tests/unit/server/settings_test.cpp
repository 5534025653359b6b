// atip-server's settings table: every setting is in --help, and its .properties key sets what its
// flag sets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "settings.h"

namespace atip::settings {
namespace {

// A good value of each setting, other than its default. A new setting needs one here.
const std::map<std::string, std::string> kSamples = {
    {"atip.db", "/var/lib/atip/index"},
    {"atip.port", "9000"},
    {"atip.bind", "0.0.0.0"},
    {"atip.web", "/srv/web"},
    {"atip.threads", "8"},
    {"atip.queue", "16"},
    {"atip.token", "alice:SECRET"},
    {"atip.data", "/var/lib/atip/archive"},
    {"atip.reference", "/srv/corpus"},
    {"atip.max_upload_bytes", "1048576"},
    {"atip.cors_origins", "https://example.org"},
    {"atip.public_url", "https://atip.example.org"},
    {"atip.trusted_proxies", "10.0.0.1"},
    {"atip.max_body_bytes", "2048"},
    {"atip.timeout_seconds", "30"},
    {"atip.rate_per_second", "5"},
    {"atip.rate_burst", "10"},
    {"atip.query_budget_seconds", "2"},
    {"atip.exact_count_limit", "0"},
};

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() / ("atip-settings-" + std::to_string(random()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string properties(const std::string& text) {
    auto path = dir_ / "atip-server.properties";
    std::ofstream(path) << text;
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(SettingsTest, HelpListsEverySettingWithItsValue) {
  const std::string& help = usage();
  for (const Setting& s : table()) {
    EXPECT_NE(help.find("\n  " + std::string(s.flag) + " " + s.placeholder + "  "), std::string::npos) << s.flag;
    EXPECT_NE(help.find(std::string(s.help).substr(0, 30)), std::string::npos) << s.flag;
  }
  for (const char* fixed : {"\n  --config FILE ", "\n  --version ", "\n  --help ", "Usage: atip-server", "Exit status:"}) {
    EXPECT_NE(help.find(fixed), std::string::npos) << fixed;
  }
  // Two columns: a continued help text is indented under the first line's.
  EXPECT_NE(help.find("\n  --token [NAME:]SECRET  a bearer token that allows writes, with the name the audit log\n"
                      "                      records (repeatable;"),
            std::string::npos)
      << help;
  EXPECT_NE(help.find("\n  --db DIR            the index written by atip-index"), std::string::npos) << help;
}

TEST_F(SettingsTest, EveryFlagIsFoundByItsName) {
  for (const Setting& s : table()) EXPECT_EQ(find_flag(s.flag), &s) << s.flag;
  EXPECT_EQ(find_flag("--config"), nullptr) << "--config is no setting of the file";
  EXPECT_EQ(find_flag("--nothing"), nullptr);
}

TEST_F(SettingsTest, EveryPropertyKeySetsWhatItsFlagSets) {
  for (const Setting& s : table()) {
    auto sample = kSamples.find(s.property);
    ASSERT_NE(sample, kSamples.end()) << "give " << s.property << " a sample value in kSamples";
    ServerConfig from_file;
    EXPECT_EQ(apply_properties(properties(std::string(s.property) + " = " + sample->second + "\n"), from_file), "")
        << s.property;
    EXPECT_NE(from_file, ServerConfig{}) << s.property << " was not read from the file";
    ServerConfig from_flag;
    EXPECT_EQ(s.apply(from_flag, sample->second), "") << s.flag;
    EXPECT_EQ(from_file, from_flag) << s.property << " and " << s.flag << " differ";
  }
}

TEST_F(SettingsTest, ARepeatableSettingTakesAListInAFile) {
  ServerConfig c;
  EXPECT_EQ(apply_properties(properties("atip.token = alice:A1, bob:B2\natip.cors_origins = https://a.org,,https://b.org\n"), c),
            "");
  ASSERT_EQ(c.tokens.size(), 2u);
  EXPECT_EQ(c.tokens[1].name, "bob");
  EXPECT_EQ(c.cors_origins, (std::vector<std::string>{"https://a.org", "https://b.org"}));
  find_flag("--cors-origin")->clear(c);
  EXPECT_TRUE(c.cors_origins.empty());
  EXPECT_FALSE(find_flag("--port")->repeatable());
}

TEST_F(SettingsTest, ABadValueInAFileNamesItsKey) {
  ServerConfig c;
  EXPECT_EQ(apply_properties(properties("atip.port = eighty\n"), c), "atip.port: takes a whole number from 0 to 65535");
}

}  // namespace
}  // namespace atip::settings
