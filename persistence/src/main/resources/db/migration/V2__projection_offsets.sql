-- Offset store and management tables of pekko-projection-jdbc 1.0.0 with
-- pekko.projection.jdbc.dialect = "postgres-dialect" and the default offset-store settings
-- (schema "", table "pekko_projection_offset_store", management-table "pekko_projection_management",
-- use-lowercase-schema = true: the dialect lower-cases and unquotes its identifiers).
-- Columns, types and keys are those of the library's PostgresDialect.createTableStatements /
-- createManagementTableStatements; ProjectionOffsetsSchemaTest compares them with what the dialect itself creates.

CREATE TABLE pekko_projection_offset_store (
  projection_name VARCHAR(255) NOT NULL,
  projection_key  VARCHAR(255) NOT NULL,
  current_offset  VARCHAR(255) NOT NULL,
  manifest        VARCHAR(4)   NOT NULL,
  mergeable       BOOLEAN      NOT NULL,
  last_updated    BIGINT       NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);

CREATE INDEX projection_name_index ON pekko_projection_offset_store (projection_name);

CREATE TABLE pekko_projection_management (
  projection_name VARCHAR(255) NOT NULL,
  projection_key  VARCHAR(255) NOT NULL,
  paused          BOOLEAN      NOT NULL,
  last_updated    BIGINT       NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);
