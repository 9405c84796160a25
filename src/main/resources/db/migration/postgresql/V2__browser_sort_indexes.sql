-- Indexes for the video browser's keyset orders (docs/browser.md), so that a page is a range scan
-- from the last row seen instead of a sort of every matching row. The browser orders by
-- (<column>, id) in either direction (a btree is read backwards for DESC) and compares
-- (<column>, id) < (?, ?) for the next page; the default order is created_at newest first.
-- Text sort keys are ordered with COLLATE "C" (code points, as on the other dialects), so their
-- indexes must be built with that collation: an index in the database's default collation does not
-- serve ORDER BY video_id COLLATE "C".
-- The down script is db/rollback/postgresql/V2__browser_sort_indexes.sql.

-- The default order, and the created-date range filter.
CREATE INDEX videos_created_at_id_idx ON videos (created_at, id);
CREATE INDEX videos_updated_at_id_idx ON videos (updated_at, id);
-- A status or user filter with the default order.
CREATE INDEX videos_status_created_at_id_idx ON videos (status, created_at, id);
CREATE INDEX videos_user_id_created_at_id_idx ON videos (user_id, created_at, id);
-- Sort by user (V1's (user_id, status) does not order the ids within a user).
CREATE INDEX videos_user_id_id_idx ON videos (user_id, id);
-- Sort by external id and by status, by code point.
CREATE INDEX videos_video_id_c_id_idx ON videos (video_id COLLATE "C", id);
CREATE INDEX videos_status_c_id_idx ON videos (status COLLATE "C", id);
