-- Schema version 8: work plans (工作方案) as data. Each plan has its own measures, indicators with
-- targets, manual entries and awards catalogue; problems belong to a plan and may name a measure.
-- The 2022 Xingtai plan becomes plan 1 with all its data; 一企一策 `plans` is now `enterprise_plans`.
-- Tables other tables reference are rebuilt with their dependants set aside first (SQLite cannot
-- change a UNIQUE or PRIMARY KEY in place, and dropping a table would cascade).
CREATE TABLE work_plans (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (title <> ''),
  issuer TEXT NOT NULL DEFAULT '',
  doc_no TEXT NOT NULL DEFAULT '',
  issued_on TEXT,                             -- ISO date
  start_year INTEGER NOT NULL,
  end_year INTEGER NOT NULL,
  unlocked INTEGER NOT NULL DEFAULT 0,        -- an ended plan stays editable when 1
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (start_year <= end_year)
);

INSERT INTO work_plans(id, title, start_year, end_year, created_at, updated_at)
SELECT 1, '邢台市特色产业集群“领跑者”企业培育工作方案', 2022, 2025,
       strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
WHERE EXISTS (SELECT 1 FROM tasks);

-- Measures: numbered within their plan.
CREATE TEMP TABLE kept_task_progress AS SELECT * FROM task_progress;
CREATE TABLE tasks_new (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                       -- 1.. in plan order
  action_no INTEGER NOT NULL,
  action TEXT NOT NULL,
  measure_no INTEGER NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  units TEXT NOT NULL,                        -- JSON array, lead unit first
  deadline TEXT NOT NULL,                     -- 长期坚持 / 每年 / 2023年底 / 2025年底
  deadline_note TEXT NOT NULL DEFAULT '',     -- where the deadline comes from
  quantities TEXT NOT NULL DEFAULT '[]',      -- JSON: [{amount, unit, text}] the measure promises
  UNIQUE (plan_id, seq),
  UNIQUE (plan_id, action_no, measure_no)
);
INSERT INTO tasks_new(id, plan_id, seq, action_no, action, measure_no, title, content, units, deadline)
SELECT id, 1, seq, action_no, action, measure_no, title, content, units, deadline FROM tasks;
DELETE FROM task_progress;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_plan ON tasks(plan_id);
INSERT INTO task_progress SELECT * FROM kept_task_progress;
DROP TABLE kept_task_progress;

-- Indicators, their targets and manual entries: keyed within their plan.
CREATE TEMP TABLE kept_target_values AS SELECT * FROM target_values;
CREATE TEMP TABLE kept_target_entries AS SELECT * FROM target_entries;
DROP TABLE target_values;
DROP TABLE target_entries;
CREATE TABLE target_indicators_new (
  plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('computed', 'manual')),
  per_year INTEGER NOT NULL,
  yearly_target REAL,
  note TEXT,
  sort INTEGER NOT NULL,
  PRIMARY KEY (plan_id, key)
);
INSERT INTO target_indicators_new SELECT 1, key, name, unit, kind, per_year, yearly_target, note, sort FROM target_indicators;
DROP TABLE target_indicators;
ALTER TABLE target_indicators_new RENAME TO target_indicators;

CREATE TABLE target_values (
  plan_id INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  target REAL,
  PRIMARY KEY (plan_id, indicator, year),
  FOREIGN KEY (plan_id, indicator) REFERENCES target_indicators(plan_id, key) ON DELETE CASCADE
);
INSERT INTO target_values SELECT 1, indicator, year, target FROM kept_target_values;
DROP TABLE kept_target_values;

CREATE TABLE target_entries (
  plan_id INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL NOT NULL,
  entered_on TEXT NOT NULL,                   -- ISO date of the reported figure
  source TEXT NOT NULL,                       -- 数据来源, e.g. 省工信厅公布名单
  entered_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, indicator, year),
  FOREIGN KEY (plan_id, indicator) REFERENCES target_indicators(plan_id, key) ON DELETE CASCADE
);
INSERT INTO target_entries SELECT 1, indicator, year, value, entered_on, source, entered_by, updated_at FROM kept_target_entries;
DROP TABLE kept_target_entries;

-- The awards catalogue: one per plan.
CREATE TABLE award_catalog_new (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  amount_wan REAL,
  source TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL,
  UNIQUE (plan_id, name)
);
INSERT INTO award_catalog_new SELECT id, 1, name, category, amount_wan, source, sort FROM award_catalog;
DROP TABLE award_catalog;
ALTER TABLE award_catalog_new RENAME TO award_catalog;

-- Problems belong to a plan (the one current when they were recorded) and may name a measure.
ALTER TABLE problems ADD COLUMN plan_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE problems ADD COLUMN task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL;
CREATE INDEX problems_plan ON problems(plan_id);

-- 一企一策 keeps its data under a name that cannot be confused with a work plan.
ALTER TABLE plans RENAME TO enterprise_plans;
DROP INDEX plans_year;
CREATE INDEX enterprise_plans_year ON enterprise_plans(year);

-- What the 2022 seed misstated, checked against the plan's text (stores seeded earlier; new stores
-- get the corrected assets/seed files). Only values still as shipped are changed.
UPDATE target_indicators SET name = '特色产业集群工业诊断服务覆盖率',
       note = '方案原文：培育省级“工业诊所”，到2023年诊断服务覆盖率达到100%'
WHERE plan_id = 1 AND key = 'diagnosis_coverage' AND name = '“领跑者”企业数字化诊断覆盖率';
UPDATE target_indicators SET note = '方案原文：到2023年经营管理数字化普及率超过78%，到2025年达到80%'
WHERE plan_id = 1 AND key = 'digital_management' AND note IS NULL;
UPDATE target_indicators SET note = '到2023年培育上市企业3—5家，到2025年5家以上（上海、深圳、北京证券交易所及境外主要证券交易所；新三板挂牌不计入）'
WHERE plan_id = 1 AND key = 'listed_companies' AND note = '到2023年培育上市企业3—5家，到2025年5家以上';
UPDATE tasks SET content = replace(content, '组织“领跑者”企业参与标准制修订', '组织特色产业集群和邢台市重点产业链中的“领跑者”企业参与标准制修订')
WHERE plan_id = 1 AND action_no = 6 AND measure_no = 2;
