-- Schema version 6: nothing a user entered is lost. Each import keeps every touched enterprise's
-- state after it (so undo reverts only what still holds the imported value) and what its undo
-- did (so the undo can be undone); deleted enterprises wait in a recycle bin with all their records.
ALTER TABLE import_changes ADD COLUMN after TEXT;   -- JSON snapshot right after the import
ALTER TABLE imports ADD COLUMN undo_plan TEXT;      -- JSON: what the undo reverted and removed

CREATE TABLE trash (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL,
  name TEXT NOT NULL,
  county TEXT,
  deleted_at TEXT NOT NULL,
  operator TEXT NOT NULL,
  records TEXT NOT NULL                          -- JSON: the enterprise row and every row that refers to it
);
CREATE INDEX trash_uscc ON trash(uscc);
