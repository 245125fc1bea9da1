-- Schema version 9: the recycle bin (回收站). A deleted enterprise is kept here whole, its own
-- row and every record below it (figures, 一企一策, problems with progress and transitions,
-- stage history) as JSON, until it is restored or purged (the purge audits the full snapshot).
CREATE TABLE trash (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL,
  name TEXT NOT NULL,
  county TEXT,
  records TEXT NOT NULL,                      -- JSON: enterprise::records::Records
  deleted_at TEXT NOT NULL,
  deleted_by TEXT NOT NULL
);
CREATE INDEX trash_uscc ON trash(uscc);
