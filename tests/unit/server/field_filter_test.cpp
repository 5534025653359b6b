// Field filters from the field table, row by row: each field takes its example and refuses what is
// not one of its values with a message that names the field; values reach the terms normalized.
#include <gtest/gtest.h>

#include <string>

#include "atip/fields.h"
#include "atip/schema.h"
#include "search/query_builder.h"

namespace atip {
namespace {

std::string terms_of(const Xapian::Query& q) {
  std::string out;
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) out += (out.empty() ? "" : " ") + *t;
  return out;
}

TEST(FieldFilterTest, EveryFieldTakesItsExampleAndRefusesNonsenseByName) {
  for (const auto& f : fields::table()) {
    auto ok = QueryBuilder::field_filter(std::string(f.name), std::string(f.example));
    EXPECT_TRUE(ok) << f.name << "=" << f.example << ": " << (ok ? "" : ok.error().message);
    for (auto alias : f.aliases) EXPECT_TRUE(QueryBuilder::field_filter(std::string(alias), std::string(f.example))) << alias;
    auto refused = QueryBuilder::field_filter(std::string(f.name), "%%");
    ASSERT_FALSE(refused) << f.name << " took %%";
    EXPECT_NE(refused.error().message.find(f.name), std::string::npos) << refused.error().message;
  }
}

struct Case {
  const char* field;
  const char* value;
  const char* terms;  // nullptr: refused
};

TEST(FieldFilterTest, ValuesAreNormalizedToTheirTerms) {
  const Case cases[] = {
      {"pillar", "Protection", "Pprotection"},
      {"pillar", "general-secretariat", "Pgeneral-secretariat"},
      {"pillar", "prevencion", nullptr},
      {"type", "LAW", "Tlaw"},
      {"lang", "ES", "Les"},
      {"jurisdiction", "int", "JINT"},
      {"country", "int", nullptr},
      {"country", "py", "CPY"},
      {"link", "Activity:37", "Kactivity:37"},
      {"link", "activity", nullptr},
      {"year", "2011..2013", "D2011 D2012 D2013"},
      {"year", "2014..2010", nullptr},
      {"art", "149-A", "XA149a"},
      {"org", "iom", "Oiom"},
      {"nothing", "x", nullptr},
  };
  for (const auto& c : cases) {
    auto q = QueryBuilder::field_filter(c.field, c.value);
    if (!c.terms) {
      EXPECT_FALSE(q) << c.field << "=" << c.value;
      continue;
    }
    ASSERT_TRUE(q) << c.field << "=" << c.value << ": " << q.error().message;
    EXPECT_EQ(terms_of(q.value()), c.terms) << c.field << "=" << c.value;
  }
  EXPECT_EQ(QueryBuilder::field_filter("pillar", "x").error().message,
            "pillar must be one of prevention, prosecution, protection, general-secretariat; not 'x'.");
}

}  // namespace
}  // namespace atip
