-- Schema version 10: county by county. Real event dates on an enterprise (股改完成时间, 上市时间;
-- the board is target_board), each plan's targets split down to the 20 counties (任务分解下达),
-- manual indicator values per county, and the 考核 scheme per plan and year.
ALTER TABLE enterprises ADD COLUMN reform_date TEXT;   -- 股改完成时间: ISO 2025, 2025-06 or 2025-06-15
ALTER TABLE enterprises ADD COLUMN listed_date TEXT;   -- 上市时间, same forms

-- A county's share of a plan indicator's target for a year.
CREATE TABLE county_targets (
  plan_id INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  county TEXT NOT NULL REFERENCES counties(name),
  target REAL NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, indicator, year, county),
  FOREIGN KEY (plan_id, indicator) REFERENCES target_indicators(plan_id, key) ON DELETE CASCADE
);

-- A manual indicator's value as a county reports it; the city value is their sum unless the city
-- entered its own (target_entries).
CREATE TABLE county_entries (
  plan_id INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  county TEXT NOT NULL REFERENCES counties(name),
  value REAL NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  entered_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, indicator, year, county),
  FOREIGN KEY (plan_id, indicator) REFERENCES target_indicators(plan_id, key) ON DELETE CASCADE
);

-- The 考核 scheme the bureau set for a plan and year: points per item. With no rows the defaults
-- apply (counties::assessment::DEFAULT_SCHEME): indicators 60 (指标完成, shared equally by the
-- indicators with a county target), progress_reported 15 (进展报送), progress_on_time 10 (按时完成),
-- ledger_closure 10 (问题销号率), ledger_overdue 5 (逾期问题, 1 point off per overdue problem).
CREATE TABLE assessment_items (
  plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  item TEXT NOT NULL CHECK (item IN ('indicators', 'progress_reported', 'progress_on_time', 'ledger_closure', 'ledger_overdue')),
  weight REAL NOT NULL CHECK (weight >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, year, item)
);
