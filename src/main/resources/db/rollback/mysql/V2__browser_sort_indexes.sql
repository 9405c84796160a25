-- Undoes db/migration/mysql/V2__browser_sort_indexes.sql: drops exactly the indexes it created.
-- Flyway never scans this folder; whoever runs this script removes the version 2 history row.
-- videos_user_id_fkey keeps V1's videos_user_id_status_idx as its index.

DROP INDEX videos_created_at_id_idx ON videos;
DROP INDEX videos_updated_at_id_idx ON videos;
DROP INDEX videos_status_created_at_id_idx ON videos;
DROP INDEX videos_user_id_created_at_id_idx ON videos;
DROP INDEX videos_user_id_id_idx ON videos;
