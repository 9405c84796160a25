-- Indexes for the video browser's keyset orders (docs/browser.md), so that a page is read from an
-- index from the last row seen instead of sorting every matching row. The browser orders by
-- (<column>, id) in either direction; the default order is created_at newest first.
-- video_id and status are utf8mb4_bin columns, the collation the browser sorts them with, so V1's
-- videos_video_id_key and videos_status_id_idx already serve those two orders (InnoDB appends the
-- primary key to every secondary index).
-- The down script is db/rollback/mysql/V2__browser_sort_indexes.sql.

-- The default order, and the created-date range filter.
CREATE INDEX videos_created_at_id_idx ON videos (created_at, id);
CREATE INDEX videos_updated_at_id_idx ON videos (updated_at, id);
-- A status or user filter with the default order.
CREATE INDEX videos_status_created_at_id_idx ON videos (status, created_at, id);
CREATE INDEX videos_user_id_created_at_id_idx ON videos (user_id, created_at, id);
-- Sort by user (V1's (user_id, status) does not order the ids within a user).
CREATE INDEX videos_user_id_id_idx ON videos (user_id, id);
