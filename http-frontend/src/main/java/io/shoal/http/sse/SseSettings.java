package io.shoal.http.sse;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code shoal.http.sse} block: how per-pen Server-Sent Event streams are kept alive and bounded.
 *
 * @param heartbeat        an idle stream gets a keep-alive line this often, so proxies and clients keep it open
 * @param liveBufferSize   live events one subscriber may fall behind (while it catches up from the journal or
 *                         reads slowly) before its stream ends and it must reconnect with its Last-Event-ID
 * @param maxSubscribers   open streams this node serves at most, across all pens; beyond it 503
 * @param hubIdleStop      a pen's hub (its one topic subscription on this node) outlives its last subscriber this
 *                         long, so a reconnecting client finds it warm
 * @param subscribeTimeout longest wait for a new hub's topic subscription to become visible before streaming
 * @param readJournal      plugin id of the read journal the missed events are read from
 */
public record SseSettings(Duration heartbeat, int liveBufferSize, int maxSubscribers, Duration hubIdleStop,
    Duration subscribeTimeout, String readJournal) {

  public static final String CONFIG_PATH = "shoal.http.sse";

  public SseSettings {
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
    }
    if (liveBufferSize < 1) {
      throw new IllegalArgumentException("live-buffer-size must be at least 1, got " + liveBufferSize);
    }
    if (maxSubscribers < 1) {
      throw new IllegalArgumentException("max-subscribers must be at least 1, got " + maxSubscribers);
    }
  }

  public static SseSettings fromConfig(Config root) {
    Config c = root.getConfig(CONFIG_PATH);
    return new SseSettings(c.getDuration("heartbeat"), c.getInt("live-buffer-size"), c.getInt("max-subscribers"),
        c.getDuration("hub-idle-stop"), c.getDuration("subscribe-timeout"), c.getString("read-journal"));
  }
}
