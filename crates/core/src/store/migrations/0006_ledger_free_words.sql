-- Problems keep the 问题来源 and 问题类别 a county wrote when they are not on the lists (the
-- ledger import maps clear synonyms and warns about the rest): the two CHECK constraints go.
-- SQLite cannot drop a constraint, so the table is rebuilt; dropping it would cascade to its
-- progress and transitions, so those are set aside first and put back after.
CREATE TEMP TABLE kept_problem_progress AS SELECT * FROM problem_progress;
CREATE TEMP TABLE kept_problem_transitions AS SELECT * FROM problem_transitions;

CREATE TABLE problems_new (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source <> ''),
  category TEXT NOT NULL CHECK (category <> ''),
  description TEXT NOT NULL,
  received_on TEXT NOT NULL,                  -- ISO date
  state TEXT NOT NULL CHECK (state IN ('征集', '交办', '对接服务', '办结', '销号', '退回')),
  lead_unit TEXT,
  co_units TEXT NOT NULL DEFAULT '[]',        -- JSON array
  assigned_on TEXT,
  deadline TEXT,                              -- ISO date
  result TEXT,
  closed_on TEXT,
  satisfaction TEXT CHECK (satisfaction IS NULL OR satisfaction IN ('满意', '基本满意', '不满意')),
  return_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO problems_new SELECT * FROM problems;
DROP TABLE problems;
ALTER TABLE problems_new RENAME TO problems;
CREATE INDEX problems_enterprise ON problems(enterprise_id);
CREATE INDEX problems_state ON problems(state);
CREATE INDEX problems_lead_unit ON problems(lead_unit);

INSERT INTO problem_progress SELECT * FROM kept_problem_progress;
INSERT INTO problem_transitions SELECT * FROM kept_problem_transitions;
DROP TABLE kept_problem_progress;
DROP TABLE kept_problem_transitions;
