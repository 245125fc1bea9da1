-- Schema version 12: the lists an enterprise is on (上市培育库, 领跑者, 白名单, 正面清单) as membership
-- records with history. The flags on enterprises stay the current membership; triggers keep one
-- open record per flag set, whoever writes the flag (form, import, undo, 回收站), and the
-- 入库时间 / 领跑者级别 / 领跑者批次 columns are the open record's attributes.
ALTER TABLE enterprises ADD COLUMN pool_entered_on TEXT;   -- 入库时间 of the current 上市培育库 membership
ALTER TABLE enterprises ADD COLUMN leader_level TEXT;      -- 领跑者级别: 省级 / 市级
ALTER TABLE enterprises ADD COLUMN leader_batch INTEGER;   -- 领跑者批次 (the year of the batch)

CREATE TABLE list_memberships (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  list TEXT NOT NULL CHECK (list IN ('pool', 'leader', 'white_list', 'eco_positive')),
  level TEXT,                                 -- 领跑者: 省级 / 市级
  batch_year INTEGER,                         -- 领跑者: the year of the batch that recognised it
  entered_on TEXT,                            -- ISO date (or month, year) it joined; NULL: not known
  entered_reason TEXT NOT NULL DEFAULT '',
  left_on TEXT,                               -- ISO date it left; NULL while on the list or not known
  left_reason TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',            -- 批量修改#3 / 原有标记 / '' (the flag set in the form or an import)
  created_at TEXT NOT NULL,
  closed_at TEXT                              -- when the record was closed; NULL: the current membership
);
CREATE INDEX list_memberships_enterprise ON list_memberships(enterprise_id, list);
CREATE UNIQUE INDEX list_memberships_open ON list_memberships(enterprise_id, list) WHERE closed_at IS NULL;

-- The flags set before this version become open records (dates unknown).
INSERT INTO list_memberships(enterprise_id, list, entered_on, level, batch_year, source, created_at)
SELECT id, 'pool', NULL, NULL, NULL, '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') FROM enterprises WHERE in_pool = 1;
INSERT INTO list_memberships(enterprise_id, list, source, created_at)
SELECT id, 'leader', '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') FROM enterprises WHERE is_leader = 1;
INSERT INTO list_memberships(enterprise_id, list, source, created_at)
SELECT id, 'white_list', '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') FROM enterprises WHERE white_list = 1;
INSERT INTO list_memberships(enterprise_id, list, source, created_at)
SELECT id, 'eco_positive', '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') FROM enterprises WHERE eco_positive_list = 1;

-- A flag set on a new enterprise opens its record.
CREATE TRIGGER enterprises_lists_on_insert AFTER INSERT ON enterprises
WHEN NEW.in_pool = 1 OR NEW.is_leader = 1 OR NEW.white_list = 1 OR NEW.eco_positive_list = 1
BEGIN
  INSERT INTO list_memberships(enterprise_id, list, entered_on, created_at)
  SELECT NEW.id, 'pool', NEW.pool_entered_on, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE NEW.in_pool = 1;
  INSERT INTO list_memberships(enterprise_id, list, level, batch_year, created_at)
  SELECT NEW.id, 'leader', NEW.leader_level, NEW.leader_batch, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE NEW.is_leader = 1;
  INSERT INTO list_memberships(enterprise_id, list, created_at)
  SELECT NEW.id, 'white_list', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE NEW.white_list = 1;
  INSERT INTO list_memberships(enterprise_id, list, created_at)
  SELECT NEW.id, 'eco_positive', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE NEW.eco_positive_list = 1;
END;

-- A flag turned on opens a record unless one is open (a batch edit opens its own first); a flag
-- turned off closes the open one (a batch edit closes it first, with its date and reason).
CREATE TRIGGER enterprises_pool_flag AFTER UPDATE OF in_pool ON enterprises
WHEN (NEW.in_pool = 1) IS NOT (OLD.in_pool = 1)
BEGIN
  INSERT INTO list_memberships(enterprise_id, list, entered_on, created_at)
  SELECT NEW.id, 'pool', NEW.pool_entered_on, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.in_pool = 1 AND NOT EXISTS (SELECT 1 FROM list_memberships WHERE enterprise_id = NEW.id AND list = 'pool' AND closed_at IS NULL);
  UPDATE list_memberships SET closed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.in_pool IS NOT 1 AND enterprise_id = NEW.id AND list = 'pool' AND closed_at IS NULL;
END;

CREATE TRIGGER enterprises_leader_flag AFTER UPDATE OF is_leader ON enterprises
WHEN (NEW.is_leader = 1) IS NOT (OLD.is_leader = 1)
BEGIN
  INSERT INTO list_memberships(enterprise_id, list, level, batch_year, created_at)
  SELECT NEW.id, 'leader', NEW.leader_level, NEW.leader_batch, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.is_leader = 1 AND NOT EXISTS (SELECT 1 FROM list_memberships WHERE enterprise_id = NEW.id AND list = 'leader' AND closed_at IS NULL);
  UPDATE list_memberships SET closed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.is_leader IS NOT 1 AND enterprise_id = NEW.id AND list = 'leader' AND closed_at IS NULL;
END;

CREATE TRIGGER enterprises_white_list_flag AFTER UPDATE OF white_list ON enterprises
WHEN (NEW.white_list = 1) IS NOT (OLD.white_list = 1)
BEGIN
  INSERT INTO list_memberships(enterprise_id, list, created_at)
  SELECT NEW.id, 'white_list', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.white_list = 1 AND NOT EXISTS (SELECT 1 FROM list_memberships WHERE enterprise_id = NEW.id AND list = 'white_list' AND closed_at IS NULL);
  UPDATE list_memberships SET closed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.white_list IS NOT 1 AND enterprise_id = NEW.id AND list = 'white_list' AND closed_at IS NULL;
END;

CREATE TRIGGER enterprises_eco_positive_flag AFTER UPDATE OF eco_positive_list ON enterprises
WHEN (NEW.eco_positive_list = 1) IS NOT (OLD.eco_positive_list = 1)
BEGIN
  INSERT INTO list_memberships(enterprise_id, list, created_at)
  SELECT NEW.id, 'eco_positive', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.eco_positive_list = 1 AND NOT EXISTS (SELECT 1 FROM list_memberships WHERE enterprise_id = NEW.id AND list = 'eco_positive' AND closed_at IS NULL);
  UPDATE list_memberships SET closed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NEW.eco_positive_list IS NOT 1 AND enterprise_id = NEW.id AND list = 'eco_positive' AND closed_at IS NULL;
END;

-- The current membership's attributes follow the columns that carry them (form, import, undo).
CREATE TRIGGER enterprises_pool_entered_on AFTER UPDATE OF pool_entered_on ON enterprises
WHEN NEW.pool_entered_on IS NOT OLD.pool_entered_on AND NEW.in_pool = 1
BEGIN
  UPDATE list_memberships SET entered_on = NEW.pool_entered_on
  WHERE enterprise_id = NEW.id AND list = 'pool' AND closed_at IS NULL;
END;

CREATE TRIGGER enterprises_leader_attributes AFTER UPDATE OF leader_level, leader_batch ON enterprises
WHEN (NEW.leader_level IS NOT OLD.leader_level OR NEW.leader_batch IS NOT OLD.leader_batch) AND NEW.is_leader = 1
BEGIN
  UPDATE list_memberships SET level = NEW.leader_level, batch_year = NEW.leader_batch
  WHERE enterprise_id = NEW.id AND list = 'leader' AND closed_at IS NULL;
END;
