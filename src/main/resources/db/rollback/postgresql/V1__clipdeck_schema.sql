-- Undoes db/migration/postgresql/V1__clipdeck_schema.sql: drops exactly the tables it created, children
-- first (their indexes and constraints go with them). Flyway never scans this folder, and this script
-- does not touch flyway_schema_history: whoever runs it removes the version 1 row.

DROP TABLE IF EXISTS enrichment_task;
DROP TABLE IF EXISTS model_usage;
DROP TABLE IF EXISTS clips;
DROP TABLE IF EXISTS videos;
DROP TABLE IF EXISTS users;
