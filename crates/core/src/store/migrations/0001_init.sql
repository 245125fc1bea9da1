-- Schema version 1: reference lists, enterprise pool with yearly figures, the plan's tasks and
-- targets, import records (for undo), the audit log and settings.
CREATE TABLE counties (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  sort INTEGER NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]'          -- JSON array of other spellings and old names
);

CREATE TABLE clusters (
  name TEXT PRIMARY KEY,
  county TEXT REFERENCES counties(name)
);

CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  uscc TEXT NOT NULL UNIQUE,                  -- 统一社会信用代码, normalized
  name TEXT NOT NULL,
  county TEXT,
  cluster TEXT,
  industry TEXT,
  main_business TEXT,
  legal_rep TEXT,
  contact TEXT,
  phone TEXT,
  address TEXT,
  founded TEXT,                               -- ISO date or YYYY-MM
  registered_capital_wan REAL,
  tier TEXT,                                  -- 梯队
  in_pool INTEGER,                            -- 上市培育库
  is_leader INTEGER,                          -- “领跑者”企业
  target_board TEXT,
  listing_stage TEXT,
  specialized INTEGER,
  specialized_year INTEGER,
  little_giant INTEGER,
  little_giant_year INTEGER,
  high_tech INTEGER,
  high_tech_year INTEGER,
  innovative_sme INTEGER,
  innovative_sme_year INTEGER,
  white_list INTEGER,                         -- 产业链供应链白名单
  eco_positive_list INTEGER,                  -- 生态环境监管正面清单
  notes TEXT,
  extra TEXT NOT NULL DEFAULT '{}',           -- JSON object: columns with no field, by header
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX enterprises_county ON enterprises(county);
CREATE INDEX enterprises_name ON enterprises(name);

CREATE TABLE enterprise_figures (
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  revenue_wan REAL,
  profit_wan REAL,
  tax_wan REAL,
  rd_expense_wan REAL,
  rd_ratio_pct REAL,
  invention_patents INTEGER,
  PRIMARY KEY (enterprise_id, year)
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,                -- 1..21 in plan order
  action_no INTEGER NOT NULL,
  action TEXT NOT NULL,
  measure_no INTEGER NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  units TEXT NOT NULL,                        -- JSON array, lead unit first
  deadline TEXT NOT NULL,                     -- 长期坚持 / 每年 / 2023年底 / 2025年底
  UNIQUE (action_no, measure_no)
);

CREATE TABLE target_indicators (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('computed', 'manual')),
  per_year INTEGER NOT NULL,
  yearly_target REAL,
  note TEXT,
  sort INTEGER NOT NULL
);

CREATE TABLE target_values (
  indicator TEXT NOT NULL REFERENCES target_indicators(key) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  target REAL,
  PRIMARY KEY (indicator, year)
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL,                    -- SHA-256 of the file bytes
  sheet TEXT NOT NULL,
  header_rows TEXT NOT NULL,                  -- JSON array
  mapping TEXT NOT NULL,                      -- JSON object column -> field
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  ignored INTEGER NOT NULL,
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL,
  undone_at TEXT
);

-- What an import did to one enterprise: its full state before (NULL when inserted), to undo.
CREATE TABLE import_changes (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  enterprise_id INTEGER NOT NULL,
  uscc TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update')),
  before TEXT,                                -- JSON snapshot of the enterprise and its figures
  PRIMARY KEY (import_id, enterprise_id)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  operator TEXT NOT NULL,
  action TEXT NOT NULL,                       -- insert / update / delete / import / undo / restore
  table_name TEXT NOT NULL,
  row_key TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  source TEXT                                 -- e.g. 导入#3
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_key);

-- Confirmed column mappings, by a signature of the header layout.
CREATE TABLE header_mappings (
  signature TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
