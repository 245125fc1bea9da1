-- Schema version 16 (numbered after 0015): clusters as records of their own (an id, stamps, a
-- deletion into the bin), their rename history, and the 一群一策 cluster plan — goals, measures,
-- the 产业集群联盟 and 工业诊所 diagnoses as JSON sections, like 一企一策.
CREATE TABLE clusters_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  county TEXT REFERENCES counties(name),
  created_at TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT '',
  deleted_at TEXT,                            -- in the bin since; NULL: in use
  deleted_by TEXT
);
INSERT INTO clusters_new(name, county) SELECT name, county FROM clusters ORDER BY rowid;
DROP TABLE clusters;
ALTER TABLE clusters_new RENAME TO clusters;

CREATE TABLE cluster_renames (
  id INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  old_name TEXT NOT NULL,
  new_name TEXT NOT NULL,
  renamed_at TEXT NOT NULL,
  operator TEXT NOT NULL,
  enterprises INTEGER NOT NULL DEFAULT 0      -- how many enterprises followed the rename
);
CREATE INDEX cluster_renames_cluster ON cluster_renames(cluster_id);

CREATE TABLE cluster_plans (
  id INTEGER PRIMARY KEY,
  cluster_id INTEGER NOT NULL UNIQUE REFERENCES clusters(id) ON DELETE CASCADE,
  note TEXT NOT NULL DEFAULT '',              -- 集群基本情况 as written by the user
  goals TEXT NOT NULL DEFAULT '[]',           -- JSON: [{content, unit, targets: [{year, value}]}]
  measures TEXT NOT NULL DEFAULT '[]',        -- JSON: [{content, unit, deadline, status}]
  alliance TEXT NOT NULL DEFAULT '{}',        -- JSON: {name, founded_on, lead_uscc, lead_name, members: [{uscc, name}]}
  diagnoses TEXT NOT NULL DEFAULT '[]',       -- JSON: [{uscc, name, date, done, findings}]
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
