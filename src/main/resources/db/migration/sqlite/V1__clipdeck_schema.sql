-- Clipdeck's built-in schema, SQLite (DESIGN.md section 3).
-- Table and column names are the same in the postgresql and mysql versions: one data layer serves all three.
-- The down script is db/rollback/sqlite/V1__clipdeck_schema.sql (a folder Flyway does not scan).
-- Timestamps are ISO-8601 UTC text, e.g. 2025-01-31T09:30:00.123Z; booleans are 0/1; money and
-- durations are REAL. Foreign keys need PRAGMA foreign_keys=ON, which Clipdeck's pools set.
-- Ids use AUTOINCREMENT so a deleted row's id is never handed out again (as on the servers).
-- Unique keys are named CREATE UNIQUE INDEX statements: a table-level UNIQUE constraint would get an
-- invented name (sqlite_autoindex_...), not the one the other dialects use.
-- updated_at has no trigger: the data layer sets it on every UPDATE, as on the other dialects.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    -- A hash of the user's API key; the key itself is never stored. NULL: no key issued (or revoked).
    api_key_hash  TEXT,
    is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    credits       REAL    NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_api_key_hash_key ON users (api_key_hash);

CREATE TABLE videos (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The platform's external id, the one URLs and API callers use.
    video_id           TEXT    NOT NULL,
    user_id            INTEGER NOT NULL,
    url                TEXT    NOT NULL,
    title              TEXT,
    description        TEXT,
    duration_s         REAL,
    status             TEXT    NOT NULL DEFAULT 'pending',
    thumbnail_path     TEXT,
    narration_path     TEXT,
    processing_time_s  REAL,
    error              TEXT,
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT videos_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT videos_status_check
        CHECK (status IN ('pending', 'downloading', 'processing', 'completed', 'failed'))
);

CREATE UNIQUE INDEX videos_video_id_key ON videos (video_id);
CREATE INDEX videos_user_id_status_idx ON videos (user_id, status);
CREATE INDEX videos_status_id_idx ON videos (status, id);

CREATE TABLE clips (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id    INTEGER NOT NULL,
    start_s     REAL    NOT NULL,
    end_s       REAL    NOT NULL,
    duration_s  REAL    NOT NULL,
    caption     TEXT,
    -- A JSON array as text.
    effects     TEXT    NOT NULL DEFAULT '[]',
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT clips_video_id_fkey FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
    CONSTRAINT clips_effects_check CHECK (json_valid(effects) AND json_type(effects) = 'array')
);

CREATE INDEX clips_video_id_idx ON clips (video_id);

-- One row per paid model call. No foreign keys: usage and cost stay on record after a user or a
-- video is deleted. (provider, request_id) is unique so a repeated call is never counted twice.
CREATE TABLE model_usage (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            INTEGER,
    video_id           INTEGER,
    provider           TEXT    NOT NULL,
    model_type         TEXT    NOT NULL,
    request_id         TEXT    NOT NULL,
    processing_time_s  REAL,
    memory_mb          REAL,
    gpu_percent        REAL,
    tokens             INTEGER,
    cost               REAL,
    created_at         TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE UNIQUE INDEX model_usage_provider_request_id_key ON model_usage (provider, request_id);
CREATE INDEX model_usage_user_id_created_at_idx ON model_usage (user_id, created_at);

-- The enrichment queue: one row per (video, step); workers lease a row until lease_until.
CREATE TABLE enrichment_task (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    video_id         INTEGER NOT NULL,
    step             TEXT    NOT NULL,
    state            TEXT    NOT NULL DEFAULT 'pending',
    attempt          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    lease_until      TEXT,
    last_error       TEXT,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT enrichment_task_video_id_fkey
        FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX enrichment_task_video_id_step_key ON enrichment_task (video_id, step);
CREATE INDEX enrichment_task_state_next_attempt_at_idx ON enrichment_task (state, next_attempt_at);
