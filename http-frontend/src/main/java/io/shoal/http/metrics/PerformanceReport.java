package io.shoal.http.metrics;

/**
 * The body of GET /api/v1/metrics/performance: what the API served over the last {@code windowSeconds}.
 *
 * @param requests           responses in the window
 * @param throughputPerSecond responses per second over the part of the window the server has been up
 * @param errorRate          share of responses that were 5xx (the server's fault)
 * @param clientErrorRate    share that were 4xx (refused input, auth, rate limit), kept apart from errorRate
 * @param latencyMs          time to the response head, in milliseconds
 */
public record PerformanceReport(long windowSeconds, long requests, double throughputPerSecond, double errorRate,
    long serverErrors, double clientErrorRate, long clientErrors, LatencyMs latencyMs, long uptimeSeconds) {

  /** Latency statistics from the window's HdrHistogram, in milliseconds (0 when there were no requests). */
  public record LatencyMs(double mean, double p50, double p95, double p99, double max) {
  }
}
