-- Clipdeck's built-in schema, PostgreSQL (DESIGN.md section 3).
-- Table and column names are the same in the mysql and sqlite versions: one data layer serves all three.
-- The down script is db/rollback/postgresql/V1__clipdeck_schema.sql (a folder Flyway does not scan).
-- updated_at has no trigger: the data layer sets it on every UPDATE, as on the other dialects.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      varchar(64)   NOT NULL,
    email         varchar(255)  NOT NULL,
    -- A hash of the user's API key; the key itself is never stored. NULL: no key issued (or revoked).
    api_key_hash  varchar(128),
    is_active     boolean       NOT NULL DEFAULT true,
    credits       numeric(12,2) NOT NULL DEFAULT 0,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_api_key_hash_key UNIQUE (api_key_hash)
);

CREATE TABLE videos (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The platform's external id, the one URLs and API callers use.
    video_id           varchar(64)   NOT NULL,
    user_id            bigint        NOT NULL,
    url                varchar(2048) NOT NULL,
    title              varchar(500),
    description        text,
    duration_s         numeric(10,3),
    status             varchar(20)   NOT NULL DEFAULT 'pending',
    thumbnail_path     varchar(1024),
    narration_path     varchar(1024),
    processing_time_s  numeric(10,3),
    error              text,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT videos_video_id_key UNIQUE (video_id),
    CONSTRAINT videos_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT videos_status_check
        CHECK (status IN ('pending', 'downloading', 'processing', 'completed', 'failed'))
);

CREATE INDEX videos_user_id_status_idx ON videos (user_id, status);
CREATE INDEX videos_status_id_idx ON videos (status, id);

CREATE TABLE clips (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    video_id    bigint        NOT NULL,
    start_s     numeric(10,3) NOT NULL,
    end_s       numeric(10,3) NOT NULL,
    duration_s  numeric(10,3) NOT NULL,
    caption     text,
    effects     jsonb         NOT NULL DEFAULT '[]'::jsonb,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT clips_video_id_fkey FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
    CONSTRAINT clips_effects_check CHECK (jsonb_typeof(effects) = 'array')
);

CREATE INDEX clips_video_id_idx ON clips (video_id);

-- One row per paid model call. No foreign keys: usage and cost stay on record after a user or a
-- video is deleted. (provider, request_id) is unique so a repeated call is never counted twice.
CREATE TABLE model_usage (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id            bigint,
    video_id           bigint,
    provider           varchar(64)   NOT NULL,
    model_type         varchar(64)   NOT NULL,
    request_id         varchar(255)  NOT NULL,
    processing_time_s  numeric(10,3),
    memory_mb          numeric(12,2),
    gpu_percent        numeric(5,2),
    tokens             integer,
    cost               numeric(12,6),
    created_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT model_usage_provider_request_id_key UNIQUE (provider, request_id)
);

CREATE INDEX model_usage_user_id_created_at_idx ON model_usage (user_id, created_at);

-- The enrichment queue: one row per (video, step); workers lease a row until lease_until.
CREATE TABLE enrichment_task (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    video_id         bigint       NOT NULL,
    step             varchar(64)  NOT NULL,
    state            varchar(20)  NOT NULL DEFAULT 'pending',
    attempt          integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT enrichment_task_video_id_step_key UNIQUE (video_id, step),
    CONSTRAINT enrichment_task_video_id_fkey
        FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
);

CREATE INDEX enrichment_task_state_next_attempt_at_idx ON enrichment_task (state, next_attempt_at);
