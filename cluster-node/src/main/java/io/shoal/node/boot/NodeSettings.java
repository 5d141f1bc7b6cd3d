package io.shoal.node.boot;

import com.typesafe.config.Config;
import io.shoal.http.api.ApiSettings;
import io.shoal.http.auth.JwtAuthenticator;
import io.shoal.http.auth.JwtSettings;
import io.shoal.http.auth.LoginSettings;
import io.shoal.node.inference.InferenceSettings;
import io.shoal.node.ingest.IngestSettings;
import io.shoal.node.ingest.KafkaSettings;
import io.shoal.node.publish.PenHealthSettings;
import io.shoal.persistence.DatabaseSettings;
import io.shoal.persistence.readmodel.PenReadModelProjection;
import io.shoal.persistence.readmodel.ProjectionSettings;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node reads from its configuration, read and checked before anything starts: a typo or an
 * impossible combination stops the node at once with a clear message, instead of surfacing later inside a
 * callback (for example, ingestion silently never starting).
 *
 * @param inference null on a node without the {@code inference} role
 * @param kafka     null on a node without the {@code ingest} role
 * @param ingest    null on a node without the {@code ingest} role
 * @param api       whether the node serves the HTTP API
 * @param demoSecret whether the API accepts tokens signed with the demo's public dev secret (./shoal demo only)
 */
public record NodeSettings(List<String> roles, List<String> seedNodes, boolean selfJoin, boolean migrateDatabase,
    DatabaseSettings database, InferenceSettings inference, KafkaSettings kafka, IngestSettings ingest,
    boolean api, boolean demoSecret) {

  /**
   * Room left in a remoting frame beside the image of a ProcessFrame or Classify message: ids, times, the reply-to
   * path and CBOR field names take well under a kilobyte; the rest is margin.
   */
  static final long MESSAGE_OVERHEAD_BYTES = 16 * 1024;

  private static final String MAXIMUM_FRAME_SIZE = "pekko.remote.artery.advanced.maximum-frame-size";

  public NodeSettings {
    roles = List.copyOf(roles);
    seedNodes = List.copyOf(seedNodes);
    Objects.requireNonNull(database, "database");
  }

  public static NodeSettings fromConfig(Config config) {
    List<String> roles = NodeConfig.roles(config);
    List<String> seeds = config.getStringList("pekko.cluster.seed-nodes");
    boolean selfJoin = config.getBoolean("shoal.cluster.self-join");
    if (seeds.isEmpty() && !selfJoin) {
      throw new IllegalArgumentException("shoal.cluster.seed-nodes (SHOAL_SEED_NODES) is empty. List the cluster's "
          + "seed nodes (pekko://" + NodeConfig.SYSTEM_NAME + "@host:port,...); for a deliberate one-node cluster list "
          + "this node itself or set shoal.cluster.self-join = on (SHOAL_SELF_JOIN=true). Two nodes that each form a "
          + "cluster of their own would both run the same pens against one journal.");
    }
    DatabaseSettings database = DatabaseSettings.fromConfig(config);
    if (!database.hasUrl()) {
      throw new IllegalArgumentException("shoal.db.url (SHOAL_DB_URL) is not set: a node needs its PostgreSQL");
    }
    InferenceSettings inference =
        roles.contains(NodeRoles.INFERENCE) ? InferenceSettings.fromConfig(config) : null;
    KafkaSettings kafka = null;
    IngestSettings ingest = null;
    if (roles.contains(NodeRoles.INGEST)) {
      kafka = KafkaSettings.fromConfig(config);
      ingest = IngestSettings.fromConfig(config);
      // Parsed here only to fail fast; the projections read them again when they start.
      ProjectionSettings.fromConfig(config, PenReadModelProjection.CONFIG_KEY);
      PenHealthSettings.fromConfig(config);
      long frameSize = config.getBytes(MAXIMUM_FRAME_SIZE);
      if (kafka.maxImageBytes() + MESSAGE_OVERHEAD_BYTES > frameSize) {
        throw new IllegalArgumentException("shoal.kafka.max-image-bytes (" + kafka.maxImageBytes() + ") plus "
            + MESSAGE_OVERHEAD_BYTES + " bytes of message overhead exceeds " + MAXIMUM_FRAME_SIZE + " (" + frameSize
            + "): frames for pens or inference on other nodes could not be sent. Raise the frame size too.");
      }
    }
    boolean api = roles.contains(NodeRoles.API);
    boolean demoSecret = config.getBoolean("shoal.node.demo-secret");
    if (api) {
      // Parsed here only to fail fast (the API reads them again when it starts); a node serving the API without
      // any way to verify tokens would refuse every request.
      JwtSettings jwt = JwtSettings.fromConfig(config);
      JwtAuthenticator.fromSettings(demoSecret ? jwt.withDevSecretIfUnset() : jwt);
      LoginSettings.fromConfig(config);
      ApiSettings.fromConfig(config);
    }
    return new NodeSettings(roles, seeds, selfJoin, config.getBoolean("shoal.node.migrate-database"), database,
        inference, kafka, ingest, api, demoSecret);
  }
}
