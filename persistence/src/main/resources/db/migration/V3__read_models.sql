-- Read models for the pen cluster, maintained by JDBC projections from the PenEntity journal, plus the tables the
-- HTTP API needs (users, audit log). Plain SQL, plain JDBC: no Slick in our code.
-- Free-text columns are bounded so a misbehaving writer cannot grow a row without limit.

-- Current health of every pen: one row per pen, upserted by the projection.
CREATE TABLE pen_status (
  pen_id            VARCHAR(128)  NOT NULL PRIMARY KEY,
  status            VARCHAR(16)   NOT NULL
                    CHECK (status IN ('OK', 'WARNING', 'CRITICAL', 'UNKNOWN')),
  -- Why the pen has this status, e.g. ["lesion 27% >= 25% critical"].
  reasons           JSONB         NOT NULL DEFAULT '[]'::jsonb,
  -- Species share in the current window, e.g. {"salmon": 0.92, "cod": 0.08}.
  species_mix       JSONB         NOT NULL DEFAULT '{}'::jsonb,
  frames_counted    BIGINT        NOT NULL DEFAULT 0 CHECK (frames_counted >= 0),
  updated_at        TIMESTAMPTZ   NOT NULL,
  -- Journal sequence number of the last event applied: makes the projection's upsert idempotent on replay.
  last_sequence_nr  BIGINT        NOT NULL CHECK (last_sequence_nr >= 0)
);

CREATE INDEX pen_status_status_idx ON pen_status (status);

-- Alerts raised by the health policy; they move open -> acknowledged -> resolved (or open -> resolved).
CREATE TABLE alerts (
  alert_id          VARCHAR(128)  NOT NULL PRIMARY KEY,
  pen_id            VARCHAR(128)  NOT NULL,
  -- What raised it: a condition rate, a camera going silent, ...
  kind              VARCHAR(32)   NOT NULL,
  -- What it is about: the condition label or the camera id.
  subject           VARCHAR(128)  NOT NULL,
  severity          VARCHAR(16)   NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
  state             VARCHAR(16)   NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  reason            VARCHAR(1024) NOT NULL,
  raised_at         TIMESTAMPTZ   NOT NULL,
  acknowledged_by   VARCHAR(128),
  acknowledged_at   TIMESTAMPTZ,
  resolved_at       TIMESTAMPTZ,
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);

-- "Open alerts, newest first" across all pens, and "alerts of this pen, newest first".
CREATE INDEX alerts_state_raised_idx ON alerts (state, raised_at DESC);
CREATE INDEX alerts_pen_raised_idx ON alerts (pen_id, raised_at DESC);

-- One row per assessed frame, for history and time-range queries.
CREATE TABLE pen_assessments (
  pen_id            VARCHAR(128)  NOT NULL,
  seq_nr            BIGINT        NOT NULL,
  frame_id          VARCHAR(128)  NOT NULL,
  camera_id         VARCHAR(128)  NOT NULL,
  captured_at       TIMESTAMPTZ   NOT NULL,
  species           VARCHAR(64),
  species_prob      REAL          CHECK (species_prob BETWEEN 0 AND 1),
  condition         VARCHAR(64),
  condition_prob    REAL          CHECK (condition_prob BETWEEN 0 AND 1),
  fish_present      BOOLEAN       NOT NULL,
  model_version     VARCHAR(64)   NOT NULL,
  PRIMARY KEY (pen_id, seq_nr)
);

-- "Assessments of pen P between t1 and t2".
CREATE INDEX pen_assessments_pen_captured_idx ON pen_assessments (pen_id, captured_at);

-- API users (the HTTP issue): bcrypt hashes only, roles as a small text array.
CREATE TABLE users (
  username          VARCHAR(64)   NOT NULL PRIMARY KEY,
  password_bcrypt   VARCHAR(72)   NOT NULL,
  roles             VARCHAR(32)[] NOT NULL DEFAULT '{}',
  created_at        TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Who did what through the API (acknowledging alerts, changing thresholds, managing users).
CREATE TABLE audit_log (
  id                BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
  username          VARCHAR(64)   NOT NULL,
  action            VARCHAR(64)   NOT NULL,
  target            VARCHAR(256),
  detail            VARCHAR(2048)
);

CREATE INDEX audit_log_at_idx ON audit_log (at);
