#include "search/query_parser.h"

#include <algorithm>
#include <map>

#include "atip/fields.h"

namespace atip::query {
namespace {

struct Token {
  enum class Kind { kWord, kPhrase, kField, kLParen, kRParen, kAnd, kOr, kNot, kNear, kMinus, kEnd } kind;
  std::string text;
  std::string field;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Longer than most, on purpose: one loop whose branches each read one kind of token and move past it;
// their order is the order in which characters decide a token's kind.
Result<std::vector<Token>> lex(std::string_view q) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '(') {
      tokens.push_back({Token::Kind::kLParen, "(", ""});
      ++i;
      continue;
    }
    if (c == ')') {
      tokens.push_back({Token::Kind::kRParen, ")", ""});
      ++i;
      continue;
    }
    if (c == '"') {
      size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos) {
        return invalid_argument("The query has an opening quotation mark (\") without a closing one.");
      }
      tokens.push_back({Token::Kind::kPhrase, std::string(q.substr(i + 1, close - i - 1)), ""});
      i = close + 1;
      continue;
    }
    if ((c == '-' || c == '+') && (i + 1 == q.size() || is_space(q[i + 1]))) {
      return invalid_argument(std::string("'") + c + "' needs a word right after it, as in -word.");
    }
    if ((c == '-' || c == '+') && i + 1 < q.size() && !is_space(q[i + 1]) && q[i + 1] != '-' && q[i + 1] != '+') {
      if (c == '-') tokens.push_back({Token::Kind::kMinus, "-", ""});
      ++i;
      continue;
    }
    size_t end = i;
    while (end < q.size() && !is_space(q[end]) && q[end] != '(' && q[end] != ')' && q[end] != '"') ++end;
    std::string word(q.substr(i, end - i));
    i = end;
    if (word == "AND" || word == "&&") {
      tokens.push_back({Token::Kind::kAnd, word, ""});
      continue;
    }
    if (word == "OR" || word == "||") {
      tokens.push_back({Token::Kind::kOr, word, ""});
      continue;
    }
    if (word == "NOT") {
      tokens.push_back({Token::Kind::kNot, word, ""});
      continue;
    }
    if (word == "NEAR") {
      tokens.push_back({Token::Kind::kNear, word, ""});
      continue;
    }
    size_t colon = word.find(':');
    if (colon != std::string::npos && colon > 0) {
      std::string name = word.substr(0, colon);
      std::string lowered = name;
      std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (is_known_field(lowered)) {
        std::string value = word.substr(colon + 1);
        if (value.empty() && i < q.size() && q[i] == '"') {
          size_t close = q.find('"', i + 1);
          if (close == std::string_view::npos) {
            return invalid_argument("The query has an opening quotation mark (\") without a closing one.");
          }
          value = std::string(q.substr(i + 1, close - i - 1));
          i = close + 1;
        }
        if (value.find_first_not_of(" \t") == std::string::npos) {
          return invalid_argument("'" + name + ":' needs a value, for example " + name + ":" +
                                  (lowered == "year" ? "2013" : lowered == "type" ? "law" : "word") + ".");
        }
        tokens.push_back({Token::Kind::kField, value, canonical_field(lowered)});
        continue;
      }
    }
    tokens.push_back({Token::Kind::kWord, word, ""});
  }
  tokens.push_back({Token::Kind::kEnd, "", ""});
  return tokens;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Node> parse_all() {
    auto node = parse_or(0);
    if (!node) return node;
    if (peek().kind == Token::Kind::kRParen) return invalid_argument("The query has a ')' without a matching '('.");
    if (peek().kind != Token::Kind::kEnd) return invalid_argument("The query could not be read near '" + peek().text + "'.");
    return node;
  }

 private:
  static constexpr int kMaxDepth = 32;

  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_++]; }
  bool starts_operand(Token::Kind k) const {
    return k == Token::Kind::kWord || k == Token::Kind::kPhrase || k == Token::Kind::kField ||
           k == Token::Kind::kLParen || k == Token::Kind::kMinus || k == Token::Kind::kNot;
  }

  Result<Node> parse_or(int depth) {
    if (depth > kMaxDepth) return invalid_argument("The query nests parentheses too deeply.");
    if (peek().kind == Token::Kind::kOr || peek().kind == Token::Kind::kAnd) {
      return invalid_argument("'" + peek().text + "' needs a word on each side.");
    }
    auto left = parse_and(depth);
    if (!left) return left;
    Node node = std::move(left.value());
    while (peek().kind == Token::Kind::kOr) {
      std::string op = take().text;
      if (!starts_operand(peek().kind)) return invalid_argument("'" + op + "' needs a word on each side.");
      auto right = parse_and(depth);
      if (!right) return right;
      if (node.kind != Node::Kind::kOr) {
        Node o;
        o.kind = Node::Kind::kOr;
        o.children.push_back(std::move(node));
        node = std::move(o);
      }
      node.children.push_back(std::move(right.value()));
    }
    return node;
  }

  Result<Node> parse_and(int depth) {
    Node node;
    node.kind = Node::Kind::kAnd;
    for (;;) {
      Token::Kind k = peek().kind;
      if (k == Token::Kind::kEnd || k == Token::Kind::kRParen || k == Token::Kind::kOr) break;
      if (k == Token::Kind::kAnd) {
        std::string op = take().text;
        if (node.children.empty() || !starts_operand(peek().kind)) {
          return invalid_argument("'" + op + "' needs a word on each side.");
        }
        node.explicit_and = true;
        continue;
      }
      if (k == Token::Kind::kNear) return invalid_argument("'NEAR' needs a word on each side.");
      auto operand = parse_unary(depth);
      if (!operand) return operand;
      node.children.push_back(std::move(operand.value()));
    }
    if (node.children.empty()) {
      if (peek().kind == Token::Kind::kRParen && depth > 0) return invalid_argument("The query has empty parentheses '()'.");
      if (peek().kind == Token::Kind::kOr) return invalid_argument("'OR' needs a word on each side.");
      return node;  // the empty query
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    return node;
  }

  Result<Node> parse_unary(int depth) {
    Token::Kind k = peek().kind;
    if (k == Token::Kind::kNot || k == Token::Kind::kMinus) {
      std::string op = take().text;
      if (!starts_operand(peek().kind) || peek().kind == Token::Kind::kNot || peek().kind == Token::Kind::kMinus) {
        return invalid_argument("'" + op + "' needs a word after it.");
      }
      auto operand = parse_primary(depth);
      if (!operand) return operand;
      Node n;
      n.kind = Node::Kind::kNot;
      n.children.push_back(std::move(operand.value()));
      return n;
    }
    return parse_primary(depth);
  }

  Result<Node> parse_primary(int depth) {
    const Token& t = peek();
    switch (t.kind) {
      case Token::Kind::kLParen: {
        take();
        auto inner = parse_or(depth + 1);
        if (!inner) return inner;
        if (peek().kind != Token::Kind::kRParen) return invalid_argument("The query has a '(' without a matching ')'.");
        take();
        if (inner.value().kind == Node::Kind::kAnd && inner.value().children.empty()) {
          return invalid_argument("The query has empty parentheses '()'.");
        }
        return inner;
      }
      case Token::Kind::kPhrase: {
        Node n;
        n.kind = Node::Kind::kPhrase;
        n.text = take().text;
        return n;
      }
      case Token::Kind::kField: {
        Node n;
        n.kind = Node::Kind::kField;
        n.field = t.field;
        n.text = take().text;
        return n;
      }
      case Token::Kind::kWord: {
        Node n;
        n.kind = Node::Kind::kWord;
        n.text = take().text;
        if (peek().kind != Token::Kind::kNear) return n;
        Node near;
        near.kind = Node::Kind::kNear;
        near.children.push_back(std::move(n));
        while (peek().kind == Token::Kind::kNear) {
          take();
          if (peek().kind != Token::Kind::kWord) return invalid_argument("'NEAR' needs a word on each side.");
          Node w;
          w.kind = Node::Kind::kWord;
          w.text = take().text;
          near.children.push_back(std::move(w));
        }
        return near;
      }
      default:
        return invalid_argument("The query could not be read near '" + t.text + "'.");
    }
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

bool is_known_field(std::string_view name) { return fields::find(name) != nullptr; }

std::string canonical_field(std::string_view name) {
  const fields::Field* f = fields::find(name);
  return f ? std::string(f->name) : std::string();
}

Result<Node> parse(std::string_view q) {
  auto tokens = lex(q);
  if (!tokens) return tokens.error();
  Parser parser(std::move(tokens.value()));
  return parser.parse_all();
}

void collect_words(const Node& node, std::vector<std::string>& words) {
  if (node.kind == Node::Kind::kWord) {
    words.push_back(node.text);
    return;
  }
  if (node.kind == Node::Kind::kNot) return;
  for (const auto& c : node.children) collect_words(c, words);
}

}  // namespace atip::query
