-- Clipdeck's built-in schema, MySQL 8.0.16+ and MariaDB 10.2+ (DESIGN.md section 3).
-- Table and column names are the same in the postgresql and sqlite versions: one data layer serves all three.
-- The down script is db/rollback/mysql/V1__clipdeck_schema.sql (a folder Flyway does not scan).
-- DATETIME(6) holds no time zone: the data layer writes UTC, and sessions should run with time_zone UTC
-- for the CURRENT_TIMESTAMP defaults to be UTC as well.
-- Keys, codes and states use utf8mb4_bin so that uniqueness and the status CHECK are case-sensitive,
-- as on PostgreSQL and SQLite; free text uses utf8mb4_unicode_ci (present on MySQL and MariaDB).
-- updated_at has no ON UPDATE clause: the data layer sets it on every UPDATE, as on the other dialects.

CREATE TABLE users (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)   COLLATE utf8mb4_bin NOT NULL,
    email         VARCHAR(255)  COLLATE utf8mb4_bin NOT NULL,
    -- A hash of the user's API key; the key itself is never stored. NULL: no key issued (or revoked).
    api_key_hash  VARCHAR(128)  COLLATE utf8mb4_bin NULL,
    is_active     BOOLEAN       NOT NULL DEFAULT TRUE,
    credits       DECIMAL(12,2) NOT NULL DEFAULT 0,
    created_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at    DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY users_username_key (username),
    UNIQUE KEY users_email_key (email),
    UNIQUE KEY users_api_key_hash_key (api_key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE videos (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    -- The platform's external id, the one URLs and API callers use.
    video_id           VARCHAR(64)   COLLATE utf8mb4_bin NOT NULL,
    user_id            BIGINT        NOT NULL,
    url                VARCHAR(2048) NOT NULL,
    title              VARCHAR(500)  NULL,
    description        TEXT          NULL,
    duration_s         DECIMAL(10,3) NULL,
    status             VARCHAR(20)   COLLATE utf8mb4_bin NOT NULL DEFAULT 'pending',
    thumbnail_path     VARCHAR(1024) NULL,
    narration_path     VARCHAR(1024) NULL,
    processing_time_s  DECIMAL(10,3) NULL,
    error              TEXT          NULL,
    created_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY videos_video_id_key (video_id),
    KEY videos_user_id_status_idx (user_id, status),
    KEY videos_status_id_idx (status, id),
    CONSTRAINT videos_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT videos_status_check
        CHECK (status IN ('pending', 'downloading', 'processing', 'completed', 'failed'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE clips (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    video_id    BIGINT        NOT NULL,
    start_s     DECIMAL(10,3) NOT NULL,
    end_s       DECIMAL(10,3) NOT NULL,
    duration_s  DECIMAL(10,3) NOT NULL,
    caption     TEXT          NULL,
    -- MySQL checks JSON itself; MariaDB's JSON is LONGTEXT with an automatic JSON_VALID check.
    effects     JSON          NOT NULL DEFAULT ('[]'),
    created_at  DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    KEY clips_video_id_idx (video_id),
    CONSTRAINT clips_video_id_fkey FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE,
    CONSTRAINT clips_effects_check CHECK (JSON_TYPE(effects) = 'ARRAY')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per paid model call. No foreign keys: usage and cost stay on record after a user or a
-- video is deleted. (provider, request_id) is unique so a repeated call is never counted twice.
CREATE TABLE model_usage (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    user_id            BIGINT        NULL,
    video_id           BIGINT        NULL,
    provider           VARCHAR(64)   COLLATE utf8mb4_bin NOT NULL,
    model_type         VARCHAR(64)   COLLATE utf8mb4_bin NOT NULL,
    request_id         VARCHAR(255)  COLLATE utf8mb4_bin NOT NULL,
    processing_time_s  DECIMAL(10,3) NULL,
    memory_mb          DECIMAL(12,2) NULL,
    gpu_percent        DECIMAL(5,2)  NULL,
    tokens             INT           NULL,
    cost               DECIMAL(12,6) NULL,
    created_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY model_usage_provider_request_id_key (provider, request_id),
    KEY model_usage_user_id_created_at_idx (user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The enrichment queue: one row per (video, step); workers lease a row until lease_until.
CREATE TABLE enrichment_task (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    video_id         BIGINT       NOT NULL,
    step             VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    state            VARCHAR(20)  COLLATE utf8mb4_bin NOT NULL DEFAULT 'pending',
    attempt          INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    lease_until      DATETIME(6)  NULL,
    last_error       TEXT         NULL,
    created_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at       DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    UNIQUE KEY enrichment_task_video_id_step_key (video_id, step),
    KEY enrichment_task_state_next_attempt_at_idx (state, next_attempt_at),
    CONSTRAINT enrichment_task_video_id_fkey
        FOREIGN KEY (video_id) REFERENCES videos (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
