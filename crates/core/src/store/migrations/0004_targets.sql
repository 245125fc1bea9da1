-- Schema version 4: the targets dashboard. Manual indicator values as entered (value, date, source,
-- by whom), and the history of listing stages, kept by triggers, from which 股改 per year is counted.
CREATE TABLE target_entries (
  indicator TEXT NOT NULL REFERENCES target_indicators(key) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  entered_on TEXT NOT NULL,                   -- ISO date of the reported figure
  source TEXT NOT NULL,                       -- 数据来源, e.g. 省工信厅公布名单
  entered_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (indicator, year)
);

CREATE TABLE listing_stage_history (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  old_stage TEXT,
  new_stage TEXT,
  at TEXT NOT NULL                            -- local ISO time of the change
);
CREATE INDEX listing_stage_history_enterprise ON listing_stage_history(enterprise_id, at);

CREATE TRIGGER enterprises_stage_on_insert AFTER INSERT ON enterprises
WHEN NEW.listing_stage IS NOT NULL
BEGIN
  INSERT INTO listing_stage_history(enterprise_id, old_stage, new_stage, at)
  VALUES (NEW.id, NULL, NEW.listing_stage, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));
END;

CREATE TRIGGER enterprises_stage_on_update AFTER UPDATE OF listing_stage ON enterprises
WHEN OLD.listing_stage IS NOT NEW.listing_stage
BEGIN
  INSERT INTO listing_stage_history(enterprise_id, old_stage, new_stage, at)
  VALUES (NEW.id, OLD.listing_stage, NEW.listing_stage, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));
END;

-- Stage changes made before this migration, as the audit log recorded them.
INSERT INTO listing_stage_history(enterprise_id, old_stage, new_stage, at)
SELECT e.id, a.old_value, a.new_value, a.at
FROM audit_log a JOIN enterprises e ON e.uscc = a.row_key
WHERE a.table_name = 'enterprises' AND a.field = 'listing_stage'
ORDER BY a.id;
