package io.shoal.http.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Maps a request's raw path to the API path template it was served by (e.g. {@code /api/v1/pens/pen-7/history} to
 * {@code /api/v1/pens/{penId}/history}), so that metrics are tagged by a bounded set of routes rather than by every
 * pen id a client ever asked for. A segment {@code {name}} matches any one segment; among matching templates the one
 * with the most literal segments wins. A path matching none is {@value #UNMATCHED}.
 */
public final class RouteTemplates {

  /** The route of a path that no template matches (404s, probes of random paths). */
  public static final String UNMATCHED = "unmatched";
  /** No templates: every path is {@value #UNMATCHED}. */
  public static final RouteTemplates NONE = new RouteTemplates(List.of());

  private record Template(String text, String[] segments, int literals) {}

  private final List<Template> templates;

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  public static RouteTemplates of(Collection<String> templates) {
    return new RouteTemplates(templates.stream().distinct().map(text -> {
      String[] segments = segments(text);
      int literals = (int) Arrays.stream(segments).filter(segment -> !isPlaceholder(segment)).count();
      return new Template(text, segments, literals);
    }).toList());
  }

  /** The template {@code path} matches, or {@value #UNMATCHED}. A trailing slash is ignored. */
  public String templateOf(String path) {
    String[] segments = segments(path);
    Template best = null;
    for (Template template : templates) {
      if (matches(template.segments(), segments) && (best == null || template.literals() > best.literals())) {
        best = template;
      }
    }
    return best == null ? UNMATCHED : best.text();
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      if (!isPlaceholder(template[i]) && !template[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlaceholder(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  private static String[] segments(String path) {
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toArray(String[]::new);
  }
}
