-- Schema: progress of the task table, per measure × responsible unit or county × period
-- (month 2026-11 or quarter 2026Q4), with status, text, percent, date and who entered it.
CREATE TABLE task_progress (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit TEXT NOT NULL,                         -- a responsible unit or a county name
  period TEXT NOT NULL,                       -- YYYY-MM or YYYYQn
  status TEXT NOT NULL CHECK (status IN ('未启动', '推进中', '已完成', '滞后')),
  text TEXT NOT NULL DEFAULT '',
  percent REAL,                               -- 0..100, for measures with a number
  date TEXT,                                  -- ISO date of the report
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (task_id, unit, period)
);
CREATE INDEX task_progress_unit ON task_progress(unit, period);
CREATE INDEX task_progress_period ON task_progress(period);
