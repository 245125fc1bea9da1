-- Data packages between the city and the counties (数据交换): every package this installation
-- sent or received, with what an import changed (to undo it).
CREATE TABLE exchange_packages (
  id INTEGER PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
  kind TEXT NOT NULL CHECK (kind IN ('up', 'down')),   -- up: county → city; down: city → county
  sender TEXT NOT NULL,
  receiver TEXT NOT NULL,
  sha256 TEXT NOT NULL,                       -- content_sha256 of the package
  created_at TEXT NOT NULL,                   -- when the sender wrote it
  follows TEXT,                               -- sha256 of the sender's previous package to the receiver
  file_name TEXT NOT NULL DEFAULT '',
  counts TEXT NOT NULL DEFAULT '{}',          -- JSON: per record kind {new, changed, unchanged, conflicts}
  operator TEXT NOT NULL,
  at TEXT NOT NULL,                           -- when it was written here (exported or imported)
  undone_at TEXT,
  undo_data TEXT                              -- JSON: before/after of every record written
);
CREATE INDEX exchange_packages_sender ON exchange_packages(direction, sender, receiver);

-- The last value of every record exchanged with a peer unit: as received from it (the base of
-- the next import from it) and as sent to it (the base until something was received from it).
CREATE TABLE exchange_base (
  peer TEXT NOT NULL,                         -- the other unit
  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
  kind TEXT NOT NULL,
  key TEXT NOT NULL,                          -- JSON array: the record's natural key
  body TEXT NOT NULL,                         -- JSON object
  PRIMARY KEY (peer, direction, kind, key)
);
