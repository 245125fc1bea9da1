-- Schema: 一企一策 plans (one per enterprise and year; sections as JSON arrays), the catalogue of
-- awards and subsidies, and the problem ledger with its progress entries and state transitions.
CREATE TABLE award_catalog (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,                     -- 质量奖励 / 标准资助 / 品牌奖励 / …
  amount_wan REAL,
  source TEXT NOT NULL DEFAULT '',            -- 市级财政奖励 / 争取省级资金资助 …
  sort INTEGER NOT NULL
);

CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  target_board TEXT,
  situation_note TEXT NOT NULL DEFAULT '',
  white_list INTEGER NOT NULL DEFAULT 0,      -- 产业链供应链白名单
  eco_positive_list INTEGER NOT NULL DEFAULT 0, -- 生态环境监管正面清单
  goals TEXT NOT NULL DEFAULT '[]',           -- JSON: [{kind, year, content}]
  measures TEXT NOT NULL DEFAULT '[]',        -- JSON: [{content, unit, person, deadline, status}]
  visits TEXT NOT NULL DEFAULT '[]',          -- JSON: [{date, visitor, findings, advice}]
  financing TEXT NOT NULL DEFAULT '[]',       -- JSON: [{need, bank, amount_wan, product, result}]
  awards TEXT NOT NULL DEFAULT '[]',          -- JSON: [{award_id, name, year, amount_wan, note}]
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (enterprise_id, year)
);
CREATE INDEX plans_year ON plans(year);

CREATE TABLE problems (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('入企服务', '座谈会', '电话', '平台', '其他')),
  category TEXT NOT NULL CHECK (category IN ('融资', '用地', '用工', '审批', '技术', '市场', '政策', '其他')),
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
CREATE INDEX problems_enterprise ON problems(enterprise_id);
CREATE INDEX problems_state ON problems(state);
CREATE INDEX problems_lead_unit ON problems(lead_unit);

CREATE TABLE problem_progress (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  unit TEXT NOT NULL,
  content TEXT NOT NULL,
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX problem_progress_problem ON problem_progress(problem_id);

CREATE TABLE problem_transitions (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  action TEXT NOT NULL,                       -- 征集 / 交办 / 对接服务 / 办结 / 销号 / 退回 / 调整时限
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  operator TEXT NOT NULL
);
CREATE INDEX problem_transitions_problem ON problem_transitions(problem_id);
