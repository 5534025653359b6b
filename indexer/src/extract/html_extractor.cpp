#include <gumbo.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "atip/text.h"
#include "extract/extractor.h"

namespace atip {
namespace {

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

int heading_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

void collect_text(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  if (is_skipped(node->v.element.tag)) return;
  if (node->v.element.tag == GUMBO_TAG_BR) out.push_back(' ');
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) collect_text(static_cast<GumboNode*>(children.data[i]), out);
  if (is_block(node->v.element.tag) || heading_level(node->v.element.tag)) out.push_back(' ');
}

std::string text_of(const GumboNode* node) {
  std::string s;
  collect_text(node, s);
  return collapse_spaces(s);
}

bool has_class(const GumboNode* node, std::string_view cls) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, "class");
  if (!attr) return false;
  std::istringstream in(attr->value);
  std::string c;
  while (in >> c) {
    if (c == cls) return true;
  }
  return false;
}

// "12/05/2007 - 12/06/2007" (month/day/year, as the OAS pages write) -> "2007-12-05";
// "2007-12-05" stays; "5 December 2007" is left to the caller (empty).
std::string parse_event_date(const std::string& s) {
  static const std::regex us(R"((\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b)");
  static const std::regex iso(R"((\d{4})-(\d{2})-(\d{2}))");
  static const std::regex year(R"(\b((?:19|20)\d{2})\b)");
  std::smatch m;
  if (std::regex_search(s, m, iso)) return m.str(0);
  if (std::regex_search(s, m, us)) {
    int y = std::stoi(m.str(3));
    if (m.str(3).size() == 2) y += 2000;
    int month = std::stoi(m.str(1)), day = std::stoi(m.str(2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, month, day);
    return buf;
  }
  if (std::regex_search(s, m, year)) return m.str(1);  // "2004 - 2006": the year it began
  return {};
}

std::string strip_label(const std::string& place) {
  static const std::regex label(R"(^\s*(Lugar|Place|Local|Lieu)\s*:\s*)", std::regex::icase);
  return std::regex_replace(place, label, "");
}

class HtmlWalker {
 public:
  explicit HtmlWalker(ExtractedDocument& out) : out_(out) {}

  void walk(const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_TITLE && out_.title.empty()) out_.title = text_of_title(node);
    if (tag == GUMBO_TAG_HEAD) {  // nothing in <head> is text of the page, but its <title> is the title
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_TITLE && out_.title.empty()) {
          out_.title = text_of_title(child);
        }
      }
      return;
    }
    if (tag == GUMBO_TAG_HTML) {
      const GumboAttribute* lang = gumbo_get_attribute(&node->v.element.attributes, "lang");
      if (lang) out_.language_hint = std::string(lang->value).substr(0, 2);
    }
    if (is_skipped(tag)) return;
    if (tag == GUMBO_TAG_ARTICLE) {
      event(node);
      return;
    }
    if (int level = heading_level(tag)) {
      add(TextBlock::Kind::kHeading, text_of(node), level);
      return;
    }
    if (is_block(tag)) {
      add(TextBlock::Kind::kParagraph, text_of(node), 0);
      return;
    }
    const GumboVector& children = node->v.element.children;
    // Loose text directly inside a container (div with text and no <p>) is a paragraph too.
    std::string loose;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT) {
        loose += child->v.text.text;
      } else if (child->type == GUMBO_NODE_ELEMENT && !is_block(child->v.element.tag) &&
                 !heading_level(child->v.element.tag) && is_inline(child->v.element.tag)) {
        loose += text_of(child);
      } else {
        add(TextBlock::Kind::kParagraph, collapse_spaces(loose), 0);
        loose.clear();
        walk(child);
      }
    }
    add(TextBlock::Kind::kParagraph, collapse_spaces(loose), 0);
  }

 private:
  static bool is_inline(GumboTag tag) {
    switch (tag) {
      case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
      case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_BR:
      case GUMBO_TAG_ABBR: case GUMBO_TAG_CITE: case GUMBO_TAG_Q: case GUMBO_TAG_SMALL: case GUMBO_TAG_TIME:
        return true;
      default:
        return false;
    }
  }

  static std::string text_of_title(const GumboNode* node) {
    std::string s;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT) s += child->v.text.text;
    }
    return collapse_spaces(s);
  }

  void add(TextBlock::Kind kind, std::string text, int level) {
    if (text.empty()) return;
    TextBlock b;
    b.kind = kind;
    b.text = std::move(text);
    b.level = level;
    out_.blocks.push_back(std::move(b));
  }

  // One <article> of an activities page: one event with its own date, place and title.
  void event(const GumboNode* article) {
    TextBlock b;
    b.kind = TextBlock::Kind::kEvent;
    std::string title;
    std::string body;
    const GumboVector& children = article->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type != GUMBO_NODE_ELEMENT || is_skipped(child->v.element.tag)) continue;
      std::string t = text_of(child);
      if (t.empty()) continue;
      const GumboAttribute* dt = gumbo_get_attribute(&child->v.element.attributes, "datetime");
      if (has_class(child, "date") || child->v.element.tag == GUMBO_TAG_TIME) {
        b.date = parse_event_date(dt ? std::string(dt->value) : t);
        if (!b.date.empty()) continue;
      }
      if (has_class(child, "place")) {
        b.place = strip_label(t);
        continue;
      }
      if (heading_level(child->v.element.tag) && title.empty()) {
        title = t;
        continue;
      }
      if (!body.empty()) body.push_back('\n');
      body += t;
    }
    b.text = title.empty() ? body : title + "\n" + body;
    if (!b.place.empty()) b.text += "\n" + b.place;
    b.level = 0;
    if (!b.text.empty()) {
      // The event title becomes the passage heading through the segmenter.
      TextBlock heading;
      heading.kind = TextBlock::Kind::kHeading;
      heading.text = title;
      heading.level = 9;
      if (!title.empty()) out_.blocks.push_back(std::move(heading));
      out_.blocks.push_back(std::move(b));
    }
  }

  ExtractedDocument& out_;
};

class HtmlExtractor final : public Extractor {
 public:
  FileFormat format() const override { return FileFormat::kHtml; }
  Result<ExtractedDocument> extract(const std::filesystem::path& file) const override {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{ErrorCode::kNotFound, "cannot open file"};
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    html = text::sanitize_utf8(html);
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!output) return Error{ErrorCode::kInvalidArgument, "HTML could not be parsed"};
    ExtractedDocument out;
    HtmlWalker walker(out);
    walker.walk(output->root);
    if (out.blocks.empty()) return Error{ErrorCode::kInvalidArgument, "HTML page has no text"};
    title_from_first_heading(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Extractor> make_html_extractor() { return std::make_unique<HtmlExtractor>(); }

}  // namespace atip
