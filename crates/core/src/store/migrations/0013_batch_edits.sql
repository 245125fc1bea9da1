-- Schema version 13: batch edits of the enterprise list (入库/出库, 领跑者, 集群, 梯队, a qualification
-- for many enterprises at once), each recorded like an import so it is undone as one unit: the
-- columns it changed per enterprise (before and after) and the membership records it opened or closed.
CREATE TABLE batch_edits (
  id INTEGER PRIMARY KEY,
  summary TEXT NOT NULL,                      -- 纳入上市培育库（理由：…）, as people read it
  change TEXT NOT NULL,                       -- JSON: pool::batch::BatchChange
  enterprises INTEGER NOT NULL,               -- how many enterprises it changed
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undone_at TEXT,
  undo_note TEXT                              -- what the undo kept because of later work
);

CREATE TABLE batch_edit_changes (
  batch_id INTEGER NOT NULL REFERENCES batch_edits(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL,
  uscc TEXT NOT NULL,
  before TEXT NOT NULL,                       -- JSON object: column -> value before the batch
  after TEXT NOT NULL,                        -- JSON object: column -> value the batch wrote
  opened INTEGER,                             -- list_memberships.id the batch opened
  closed INTEGER,                             -- list_memberships.id the batch closed
  PRIMARY KEY (batch_id, enterprise_id)
);
