package io.shoal.observability.dashboards;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression selects, found by a small lexer rather than a full parser: an identifier is a
 * metric name unless it is a keyword or aggregation operator, calls a function (is followed by {@code (}), or is a
 * label name (inside {@code {...}} or the list after {@code by/without/on/ignoring/group_left/group_right}). Strings,
 * numbers, durations, ranges {@code [...]}, comments and Grafana variables ({@code $x}, {@code ${x}}) are skipped. A
 * {@code {__name__="m"}} matcher names {@code m}. Good enough for the expressions we write; not a PromQL validator
 * (promtool is).
 */
final class PromQlMetricNames {

  /** Case-insensitive in PromQL. */
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "atan2", "bool", "offset", "inf", "nan",
      "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
      "bottomk", "topk", "quantile", "limitk", "limit_ratio");

  /** Keywords followed by a parenthesised list of label names. */
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private final String expr;
  private int pos;
  private final Set<String> names = new TreeSet<>();

  private PromQlMetricNames(String expr) {
    this.expr = expr;
  }

  /** Every metric name the expression selects, sorted. */
  static Set<String> of(String expr) {
    PromQlMetricNames lexer = new PromQlMetricNames(expr);
    lexer.scan();
    return lexer.names;
  }

  private void scan() {
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        skipString();
      } else if (c == '#') {
        skipToLineEnd();
      } else if (c == '{') {
        scanMatchers();
      } else if (c == '[') {
        skipPast(']');
      } else if (c == '$') {
        skipVariable();
      } else if (startsNumber(c)) {
        skipWhile(PromQlMetricNames::isNumberChar);
      } else if (isIdentifierStart(c)) {
        identifier(readIdentifier());
      } else {
        pos++;
      }
    }
  }

  private void identifier(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (LABEL_LIST_KEYWORDS.contains(lower)) {
      if (peekNonSpace() == '(') {
        skipPast(')');
      }
    } else if (!KEYWORDS.contains(lower) && peekNonSpace() != '(') {
      names.add(word);
    }
  }

  /** Inside {...}: label names are not metrics, except the value of an exact {@code __name__} matcher. */
  private void scanMatchers() {
    pos++;
    String label = null;
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '}') {
        pos++;
        return;
      } else if (c == '"' || c == '\'' || c == '`') {
        int start = pos;
        skipString();
        if ("__name__".equals(label)) {
          names.add(expr.substring(start + 1, pos - 1));
        }
        label = null;
      } else if (isIdentifierStart(c)) {
        String word = readIdentifier();
        label = peekNonSpace() == '=' && !followsMatchOperator("=~") ? word : null;
      } else {
        pos++;
      }
    }
  }

  /** True when, after spaces, the text continues with {@code op}. */
  private boolean followsMatchOperator(String op) {
    int p = pos;
    while (p < expr.length() && Character.isWhitespace(expr.charAt(p))) {
      p++;
    }
    return expr.startsWith(op, p);
  }

  private char peekNonSpace() {
    int p = pos;
    while (p < expr.length() && Character.isWhitespace(expr.charAt(p))) {
      p++;
    }
    if (p < expr.length()) {
      pos = p;
      return expr.charAt(p);
    }
    return 0;
  }

  private void skipString() {
    char quote = expr.charAt(pos++);
    while (pos < expr.length()) {
      char c = expr.charAt(pos++);
      if (c == '\\' && quote != '`') {
        pos++;
      } else if (c == quote) {
        return;
      }
    }
  }

  /** Skips to just after the {@code close} that matches the opening character at {@code pos}, past strings. */
  private void skipPast(char close) {
    char open = expr.charAt(pos++);
    int depth = 1;
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        skipString();
        continue;
      }
      pos++;
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return;
      }
    }
  }

  private void skipVariable() {
    pos++;
    if (pos < expr.length() && expr.charAt(pos) == '{') {
      int end = expr.indexOf('}', pos);
      pos = end < 0 ? expr.length() : end + 1;
    } else {
      skipWhile(c -> Character.isLetterOrDigit(c) || c == '_');
    }
  }

  private void skipToLineEnd() {
    int end = expr.indexOf('\n', pos);
    pos = end < 0 ? expr.length() : end;
  }

  private String readIdentifier() {
    int start = pos;
    skipWhile(PromQlMetricNames::isIdentifierPart);
    return expr.substring(start, pos);
  }

  private void skipWhile(CharTest test) {
    while (pos < expr.length() && test.matches(expr.charAt(pos))) {
      pos++;
    }
  }

  private boolean startsNumber(char c) {
    return Character.isDigit(c) || (c == '.' && pos + 1 < expr.length() && Character.isDigit(expr.charAt(pos + 1)));
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }

  /** Numbers, hex, exponents and durations such as {@code 1h30m}. */
  private static boolean isNumberChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_';
  }

  @FunctionalInterface
  private interface CharTest {
    boolean matches(char c);
  }
}
