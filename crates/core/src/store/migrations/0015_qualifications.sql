-- Schema version 15: qualifications as certificates (资质认定). A catalogue of kinds (built-in and
-- added by the bureau) and one record per certificate: level, 认定时间, 有效期至, 证书编号, 复核, 撤销.
-- The four kinds that were flags on enterprises keep their columns as a summary of the enterprise's
-- latest live certificate of the kind (not revoked, not failed at 复核); triggers keep both sides in
-- step whoever writes: a certificate written → the summary follows (qualifications_summary_*); a
-- summary column written (form, import, import undo, batch edit, 回收站, exchange) → the latest live
-- certificate follows, a new one when the 认定时间 written is after the latest one's 有效期至, and
-- clearing the flag removes a certificate that only the flag had made, otherwise revokes it.
-- A data package brings the certificates and the summary both: while one is written or undone
-- (setting qualifications_follow_paused) neither side follows the other.
CREATE TABLE qualification_kinds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,                  -- 专精特新中小企业 …
  short_name TEXT NOT NULL UNIQUE,            -- 专精特新, 小巨人, 高新 …: what filters and counts say
  levels TEXT NOT NULL,                       -- the levels it is given at, '、'-separated: 国家级、省级、市级
  default_level TEXT NOT NULL,
  validity_years INTEGER,                     -- NULL: valid until revoked
  reviewed INTEGER NOT NULL DEFAULT 0,        -- 1: re-reviewed (复核) when the period ends
  summary TEXT UNIQUE,                        -- the enterprises column prefix it is summarised in (built-in four)
  builtin INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 100,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
INSERT INTO qualification_kinds(name, short_name, levels, default_level, validity_years, reviewed, summary, builtin, sort, note, created_at) VALUES
  ('创新型中小企业', '创新型', '省级', '省级', 3, 1, 'innovative_sme', 1, 1, '省级评价，有效期三年，期满复核', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('专精特新中小企业', '专精特新', '省级、市级', '省级', 3, 1, 'specialized', 1, 2, '省级认定，有效期三年，期满复核', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('专精特新“小巨人”企业', '小巨人', '国家级', '国家级', 3, 1, 'little_giant', 1, 3, '工业和信息化部认定，有效期三年，期满复核', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('高新技术企业', '高新', '国家级', '国家级', 3, 1, 'high_tech', 1, 4, '有效期三年，期满重新认定', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('科技型中小企业', '科技型', '国家级', '国家级', 1, 0, NULL, 1, 5, '每年评价入库，当年有效', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('制造业单项冠军', '单项冠军', '国家级、省级', '国家级', 3, 1, NULL, 1, 6, '有效期三年，期满复核', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
  ('技术创新示范企业', '示范企业', '国家级、省级', '国家级', 3, 1, NULL, 1, 7, '每三年复核评价', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));

CREATE TABLE qualifications (
  id INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
  kind TEXT NOT NULL REFERENCES qualification_kinds(name) ON UPDATE CASCADE,
  level TEXT NOT NULL DEFAULT '',
  obtained_on TEXT,                           -- 认定时间: ISO date, month or year (2021-06-15, 2021-06, 2021); NULL: not known
  valid_until TEXT,                           -- 有效期至, same forms; NULL: no end known (or the kind has none)
  certificate_no TEXT NOT NULL DEFAULT '',
  review_on TEXT,                             -- 复核时间 of the latest review
  review_result TEXT CHECK (review_result IN ('通过', '未通过')),
  revoked_on TEXT,                            -- 撤销 date; NULL: not revoked
  revoke_reason TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',            -- 原有标记 (migrated flag), 企业信息 (made by a flag), '' (entered as a certificate)
  deleted_at TEXT,                            -- in the 回收站 (kept, ignored everywhere, restorable)
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX qualifications_enterprise ON qualifications(enterprise_id, kind);
CREATE INDEX qualifications_kind ON qualifications(kind, valid_until);

ALTER TABLE enterprises ADD COLUMN specialized_on TEXT;             -- 认定时间 of the latest live 专精特新中小企业 certificate
ALTER TABLE enterprises ADD COLUMN specialized_until TEXT;          -- its 有效期至
ALTER TABLE enterprises ADD COLUMN specialized_review_on TEXT;      -- its 复核时间
ALTER TABLE enterprises ADD COLUMN specialized_review_result TEXT;  -- its 复核结果
ALTER TABLE enterprises ADD COLUMN little_giant_on TEXT;             -- 认定时间 of the latest live 专精特新“小巨人”企业 certificate
ALTER TABLE enterprises ADD COLUMN little_giant_until TEXT;          -- its 有效期至
ALTER TABLE enterprises ADD COLUMN little_giant_review_on TEXT;      -- its 复核时间
ALTER TABLE enterprises ADD COLUMN little_giant_review_result TEXT;  -- its 复核结果
ALTER TABLE enterprises ADD COLUMN high_tech_on TEXT;             -- 认定时间 of the latest live 高新技术企业 certificate
ALTER TABLE enterprises ADD COLUMN high_tech_until TEXT;          -- its 有效期至
ALTER TABLE enterprises ADD COLUMN high_tech_review_on TEXT;      -- its 复核时间
ALTER TABLE enterprises ADD COLUMN high_tech_review_result TEXT;  -- its 复核结果
ALTER TABLE enterprises ADD COLUMN innovative_sme_on TEXT;             -- 认定时间 of the latest live 创新型中小企业 certificate
ALTER TABLE enterprises ADD COLUMN innovative_sme_until TEXT;          -- its 有效期至
ALTER TABLE enterprises ADD COLUMN innovative_sme_review_on TEXT;      -- its 复核时间
ALTER TABLE enterprises ADD COLUMN innovative_sme_review_result TEXT;  -- its 复核结果

-- The flags set before this version (and a year whose flag was left blank: it counted as held)
-- become certificates with the year obtained (source 原有标记);
-- the summary columns are filled from them.
INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, source, created_at, updated_at)
SELECT id, '专精特新中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新中小企业'), CAST(specialized_year AS TEXT), (SELECT CAST(CAST(substr(CAST(specialized_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(specialized_year AS TEXT), 5) FROM qualification_kinds WHERE name = '专精特新中小企业'), '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
FROM enterprises WHERE specialized = 1 OR (specialized IS NULL AND specialized_year IS NOT NULL);
UPDATE enterprises SET specialized = 1, specialized_on = CAST(specialized_year AS TEXT), specialized_until = (SELECT CAST(CAST(substr(CAST(specialized_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(specialized_year AS TEXT), 5) FROM qualification_kinds WHERE name = '专精特新中小企业') WHERE specialized = 1 OR (specialized IS NULL AND specialized_year IS NOT NULL);
INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, source, created_at, updated_at)
SELECT id, '专精特新“小巨人”企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'), CAST(little_giant_year AS TEXT), (SELECT CAST(CAST(substr(CAST(little_giant_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(little_giant_year AS TEXT), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'), '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
FROM enterprises WHERE little_giant = 1 OR (little_giant IS NULL AND little_giant_year IS NOT NULL);
UPDATE enterprises SET little_giant = 1, little_giant_on = CAST(little_giant_year AS TEXT), little_giant_until = (SELECT CAST(CAST(substr(CAST(little_giant_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(little_giant_year AS TEXT), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业') WHERE little_giant = 1 OR (little_giant IS NULL AND little_giant_year IS NOT NULL);
INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, source, created_at, updated_at)
SELECT id, '高新技术企业', (SELECT default_level FROM qualification_kinds WHERE name = '高新技术企业'), CAST(high_tech_year AS TEXT), (SELECT CAST(CAST(substr(CAST(high_tech_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(high_tech_year AS TEXT), 5) FROM qualification_kinds WHERE name = '高新技术企业'), '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
FROM enterprises WHERE high_tech = 1 OR (high_tech IS NULL AND high_tech_year IS NOT NULL);
UPDATE enterprises SET high_tech = 1, high_tech_on = CAST(high_tech_year AS TEXT), high_tech_until = (SELECT CAST(CAST(substr(CAST(high_tech_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(high_tech_year AS TEXT), 5) FROM qualification_kinds WHERE name = '高新技术企业') WHERE high_tech = 1 OR (high_tech IS NULL AND high_tech_year IS NOT NULL);
INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, source, created_at, updated_at)
SELECT id, '创新型中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '创新型中小企业'), CAST(innovative_sme_year AS TEXT), (SELECT CAST(CAST(substr(CAST(innovative_sme_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(innovative_sme_year AS TEXT), 5) FROM qualification_kinds WHERE name = '创新型中小企业'), '原有标记', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
FROM enterprises WHERE innovative_sme = 1 OR (innovative_sme IS NULL AND innovative_sme_year IS NOT NULL);
UPDATE enterprises SET innovative_sme = 1, innovative_sme_on = CAST(innovative_sme_year AS TEXT), innovative_sme_until = (SELECT CAST(CAST(substr(CAST(innovative_sme_year AS TEXT), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr(CAST(innovative_sme_year AS TEXT), 5) FROM qualification_kinds WHERE name = '创新型中小企业') WHERE innovative_sme = 1 OR (innovative_sme IS NULL AND innovative_sme_year IS NOT NULL);

-- 专精特新中小企业: the summary follows its certificates.
CREATE TRIGGER qualifications_summary_specialized_insert AFTER INSERT ON qualifications WHEN (NEW.kind = '专精特新中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET specialized = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    specialized_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    specialized_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    specialized_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_specialized_update AFTER UPDATE ON qualifications WHEN (NEW.kind = '专精特新中小企业' OR OLD.kind = '专精特新中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET specialized = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    specialized_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    specialized_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    specialized_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
  -- moved to another enterprise: the old one's summary too
  UPDATE enterprises SET specialized = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    specialized_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    specialized_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    specialized_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id AND OLD.enterprise_id IS NOT NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_specialized_delete AFTER DELETE ON qualifications WHEN (OLD.kind = '专精特新中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET specialized = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    specialized_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    specialized_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    specialized_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), specialized_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id;
END;
-- 专精特新中小企业: the certificate follows the summary columns.
CREATE TRIGGER enterprises_specialized_on_insert AFTER INSERT ON enterprises WHEN (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新中小企业'), (CASE WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), coalesce(NEW.specialized_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新中小企业')), NEW.specialized_review_on, (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
END;
CREATE TRIGGER enterprises_specialized_columns AFTER UPDATE OF specialized, specialized_year, specialized_on, specialized_until, specialized_review_on, specialized_review_result ON enterprises
WHEN (NEW.specialized IS NOT OLD.specialized OR NEW.specialized_year IS NOT OLD.specialized_year OR NEW.specialized_on IS NOT OLD.specialized_on OR NEW.specialized_until IS NOT OLD.specialized_until OR NEW.specialized_review_on IS NOT OLD.specialized_review_on OR NEW.specialized_review_result IS NOT OLD.specialized_review_result) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  -- a 认定时间 after the latest certificate's end: a new recognition
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新中小企业'), (CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), coalesce((CASE WHEN NEW.specialized_until IS NOT OLD.specialized_until THEN NEW.specialized_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新中小企业')), (CASE WHEN NEW.specialized_review_on IS NOT OLD.specialized_review_on THEN NEW.specialized_review_on END), (CASE WHEN NEW.specialized_review_result IS NOT OLD.specialized_review_result THEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND EXISTS (SELECT 1 FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) AND (CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1));
  -- otherwise the latest live certificate takes what changed
  UPDATE qualifications SET
    obtained_on = (CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END),
    valid_until = CASE
      WHEN NEW.specialized_until IS NOT OLD.specialized_until THEN coalesce(NEW.specialized_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新中小企业'))
      WHEN (CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END) IS NOT obtained_on THEN (SELECT CAST(CAST(substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新中小企业')
      WHEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) = '通过' AND review_result IS NOT '通过' THEN (SELECT CAST(CAST(substr(valid_until, 1, 4) AS INTEGER) + validity_years AS TEXT) || substr(valid_until, 5) FROM qualification_kinds WHERE name = '专精特新中小企业')
      ELSE valid_until END,
    review_on = CASE WHEN NEW.specialized_review_on IS NOT OLD.specialized_review_on THEN NEW.specialized_review_on ELSE review_on END,
    review_result = CASE WHEN NEW.specialized_review_result IS NOT OLD.specialized_review_result THEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) ELSE review_result END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1) AND NOT ((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) IS 1)
    AND ((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END) IS NOT obtained_on OR NEW.specialized_until IS NOT OLD.specialized_until OR NEW.specialized_review_on IS NOT OLD.specialized_review_on OR NEW.specialized_review_result IS NOT OLD.specialized_review_result);
  -- the flag set with no live certificate: one is made
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新中小企业'), (CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), coalesce((CASE WHEN NEW.specialized_until IS NOT OLD.specialized_until THEN NEW.specialized_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.specialized_on IS NOT OLD.specialized_on AND NEW.specialized_on IS NOT NULL THEN NEW.specialized_on
        WHEN NEW.specialized_year IS NULL THEN NEW.specialized_on
        WHEN NEW.specialized_on IS NOT NULL AND substr(NEW.specialized_on, 1, 4) = CAST(NEW.specialized_year AS TEXT) THEN NEW.specialized_on
        ELSE CAST(NEW.specialized_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新中小企业')), (CASE WHEN NEW.specialized_review_on IS NOT OLD.specialized_review_on THEN NEW.specialized_review_on END), (CASE WHEN NEW.specialized_review_result IS NOT OLD.specialized_review_result THEN (CASE WHEN NEW.specialized_review_result LIKE '%未通过%' OR NEW.specialized_review_result LIKE '%不通过%' OR NEW.specialized_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.specialized_review_result LIKE '%通过%' OR NEW.specialized_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
  -- the flag cleared: a certificate only a flag had made goes, others are revoked
  DELETE FROM qualifications WHERE NOT (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND (OLD.specialized IS 1 OR (OLD.specialized IS NULL AND OLD.specialized_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL
    AND source IN ('原有标记', '企业信息') AND certificate_no = '' AND note = '' AND review_on IS NULL AND review_result IS NULL;
  UPDATE qualifications SET revoked_on = date('now', 'localtime'), revoke_reason = '企业信息中取消了该资质', updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NOT (NEW.specialized IS 1 OR (NEW.specialized IS NULL AND NEW.specialized_year IS NOT NULL)) AND (OLD.specialized IS 1 OR (OLD.specialized IS NULL AND OLD.specialized_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '专精特新中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL;
END;

-- 专精特新“小巨人”企业: the summary follows its certificates.
CREATE TRIGGER qualifications_summary_little_giant_insert AFTER INSERT ON qualifications WHEN (NEW.kind = '专精特新“小巨人”企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET little_giant = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    little_giant_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    little_giant_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    little_giant_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_little_giant_update AFTER UPDATE ON qualifications WHEN (NEW.kind = '专精特新“小巨人”企业' OR OLD.kind = '专精特新“小巨人”企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET little_giant = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    little_giant_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    little_giant_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    little_giant_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
  -- moved to another enterprise: the old one's summary too
  UPDATE enterprises SET little_giant = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    little_giant_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    little_giant_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    little_giant_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id AND OLD.enterprise_id IS NOT NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_little_giant_delete AFTER DELETE ON qualifications WHEN (OLD.kind = '专精特新“小巨人”企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET little_giant = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    little_giant_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    little_giant_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    little_giant_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), little_giant_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id;
END;
-- 专精特新“小巨人”企业: the certificate follows the summary columns.
CREATE TRIGGER enterprises_little_giant_on_insert AFTER INSERT ON enterprises WHEN (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新“小巨人”企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'), (CASE WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), coalesce(NEW.little_giant_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业')), NEW.little_giant_review_on, (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
END;
CREATE TRIGGER enterprises_little_giant_columns AFTER UPDATE OF little_giant, little_giant_year, little_giant_on, little_giant_until, little_giant_review_on, little_giant_review_result ON enterprises
WHEN (NEW.little_giant IS NOT OLD.little_giant OR NEW.little_giant_year IS NOT OLD.little_giant_year OR NEW.little_giant_on IS NOT OLD.little_giant_on OR NEW.little_giant_until IS NOT OLD.little_giant_until OR NEW.little_giant_review_on IS NOT OLD.little_giant_review_on OR NEW.little_giant_review_result IS NOT OLD.little_giant_review_result) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  -- a 认定时间 after the latest certificate's end: a new recognition
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新“小巨人”企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'), (CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), coalesce((CASE WHEN NEW.little_giant_until IS NOT OLD.little_giant_until THEN NEW.little_giant_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业')), (CASE WHEN NEW.little_giant_review_on IS NOT OLD.little_giant_review_on THEN NEW.little_giant_review_on END), (CASE WHEN NEW.little_giant_review_result IS NOT OLD.little_giant_review_result THEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND EXISTS (SELECT 1 FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) AND (CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1));
  -- otherwise the latest live certificate takes what changed
  UPDATE qualifications SET
    obtained_on = (CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END),
    valid_until = CASE
      WHEN NEW.little_giant_until IS NOT OLD.little_giant_until THEN coalesce(NEW.little_giant_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'))
      WHEN (CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END) IS NOT obtained_on THEN (SELECT CAST(CAST(substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业')
      WHEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) = '通过' AND review_result IS NOT '通过' THEN (SELECT CAST(CAST(substr(valid_until, 1, 4) AS INTEGER) + validity_years AS TEXT) || substr(valid_until, 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业')
      ELSE valid_until END,
    review_on = CASE WHEN NEW.little_giant_review_on IS NOT OLD.little_giant_review_on THEN NEW.little_giant_review_on ELSE review_on END,
    review_result = CASE WHEN NEW.little_giant_review_result IS NOT OLD.little_giant_review_result THEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) ELSE review_result END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1) AND NOT ((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) IS 1)
    AND ((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END) IS NOT obtained_on OR NEW.little_giant_until IS NOT OLD.little_giant_until OR NEW.little_giant_review_on IS NOT OLD.little_giant_review_on OR NEW.little_giant_review_result IS NOT OLD.little_giant_review_result);
  -- the flag set with no live certificate: one is made
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '专精特新“小巨人”企业', (SELECT default_level FROM qualification_kinds WHERE name = '专精特新“小巨人”企业'), (CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), coalesce((CASE WHEN NEW.little_giant_until IS NOT OLD.little_giant_until THEN NEW.little_giant_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.little_giant_on IS NOT OLD.little_giant_on AND NEW.little_giant_on IS NOT NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_year IS NULL THEN NEW.little_giant_on
        WHEN NEW.little_giant_on IS NOT NULL AND substr(NEW.little_giant_on, 1, 4) = CAST(NEW.little_giant_year AS TEXT) THEN NEW.little_giant_on
        ELSE CAST(NEW.little_giant_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '专精特新“小巨人”企业')), (CASE WHEN NEW.little_giant_review_on IS NOT OLD.little_giant_review_on THEN NEW.little_giant_review_on END), (CASE WHEN NEW.little_giant_review_result IS NOT OLD.little_giant_review_result THEN (CASE WHEN NEW.little_giant_review_result LIKE '%未通过%' OR NEW.little_giant_review_result LIKE '%不通过%' OR NEW.little_giant_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.little_giant_review_result LIKE '%通过%' OR NEW.little_giant_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
  -- the flag cleared: a certificate only a flag had made goes, others are revoked
  DELETE FROM qualifications WHERE NOT (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND (OLD.little_giant IS 1 OR (OLD.little_giant IS NULL AND OLD.little_giant_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL
    AND source IN ('原有标记', '企业信息') AND certificate_no = '' AND note = '' AND review_on IS NULL AND review_result IS NULL;
  UPDATE qualifications SET revoked_on = date('now', 'localtime'), revoke_reason = '企业信息中取消了该资质', updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NOT (NEW.little_giant IS 1 OR (NEW.little_giant IS NULL AND NEW.little_giant_year IS NOT NULL)) AND (OLD.little_giant IS 1 OR (OLD.little_giant IS NULL AND OLD.little_giant_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '专精特新“小巨人”企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL;
END;

-- 高新技术企业: the summary follows its certificates.
CREATE TRIGGER qualifications_summary_high_tech_insert AFTER INSERT ON qualifications WHEN (NEW.kind = '高新技术企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET high_tech = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    high_tech_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    high_tech_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    high_tech_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_high_tech_update AFTER UPDATE ON qualifications WHEN (NEW.kind = '高新技术企业' OR OLD.kind = '高新技术企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET high_tech = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    high_tech_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    high_tech_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    high_tech_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
  -- moved to another enterprise: the old one's summary too
  UPDATE enterprises SET high_tech = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    high_tech_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    high_tech_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    high_tech_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id AND OLD.enterprise_id IS NOT NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_high_tech_delete AFTER DELETE ON qualifications WHEN (OLD.kind = '高新技术企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET high_tech = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    high_tech_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    high_tech_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    high_tech_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), high_tech_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id;
END;
-- 高新技术企业: the certificate follows the summary columns.
CREATE TRIGGER enterprises_high_tech_on_insert AFTER INSERT ON enterprises WHEN (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '高新技术企业', (SELECT default_level FROM qualification_kinds WHERE name = '高新技术企业'), (CASE WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), coalesce(NEW.high_tech_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '高新技术企业')), NEW.high_tech_review_on, (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
END;
CREATE TRIGGER enterprises_high_tech_columns AFTER UPDATE OF high_tech, high_tech_year, high_tech_on, high_tech_until, high_tech_review_on, high_tech_review_result ON enterprises
WHEN (NEW.high_tech IS NOT OLD.high_tech OR NEW.high_tech_year IS NOT OLD.high_tech_year OR NEW.high_tech_on IS NOT OLD.high_tech_on OR NEW.high_tech_until IS NOT OLD.high_tech_until OR NEW.high_tech_review_on IS NOT OLD.high_tech_review_on OR NEW.high_tech_review_result IS NOT OLD.high_tech_review_result) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  -- a 认定时间 after the latest certificate's end: a new recognition
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '高新技术企业', (SELECT default_level FROM qualification_kinds WHERE name = '高新技术企业'), (CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), coalesce((CASE WHEN NEW.high_tech_until IS NOT OLD.high_tech_until THEN NEW.high_tech_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '高新技术企业')), (CASE WHEN NEW.high_tech_review_on IS NOT OLD.high_tech_review_on THEN NEW.high_tech_review_on END), (CASE WHEN NEW.high_tech_review_result IS NOT OLD.high_tech_review_result THEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND EXISTS (SELECT 1 FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) AND (CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1));
  -- otherwise the latest live certificate takes what changed
  UPDATE qualifications SET
    obtained_on = (CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END),
    valid_until = CASE
      WHEN NEW.high_tech_until IS NOT OLD.high_tech_until THEN coalesce(NEW.high_tech_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '高新技术企业'))
      WHEN (CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END) IS NOT obtained_on THEN (SELECT CAST(CAST(substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '高新技术企业')
      WHEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) = '通过' AND review_result IS NOT '通过' THEN (SELECT CAST(CAST(substr(valid_until, 1, 4) AS INTEGER) + validity_years AS TEXT) || substr(valid_until, 5) FROM qualification_kinds WHERE name = '高新技术企业')
      ELSE valid_until END,
    review_on = CASE WHEN NEW.high_tech_review_on IS NOT OLD.high_tech_review_on THEN NEW.high_tech_review_on ELSE review_on END,
    review_result = CASE WHEN NEW.high_tech_review_result IS NOT OLD.high_tech_review_result THEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) ELSE review_result END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1) AND NOT ((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) IS 1)
    AND ((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END) IS NOT obtained_on OR NEW.high_tech_until IS NOT OLD.high_tech_until OR NEW.high_tech_review_on IS NOT OLD.high_tech_review_on OR NEW.high_tech_review_result IS NOT OLD.high_tech_review_result);
  -- the flag set with no live certificate: one is made
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '高新技术企业', (SELECT default_level FROM qualification_kinds WHERE name = '高新技术企业'), (CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), coalesce((CASE WHEN NEW.high_tech_until IS NOT OLD.high_tech_until THEN NEW.high_tech_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.high_tech_on IS NOT OLD.high_tech_on AND NEW.high_tech_on IS NOT NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_year IS NULL THEN NEW.high_tech_on
        WHEN NEW.high_tech_on IS NOT NULL AND substr(NEW.high_tech_on, 1, 4) = CAST(NEW.high_tech_year AS TEXT) THEN NEW.high_tech_on
        ELSE CAST(NEW.high_tech_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '高新技术企业')), (CASE WHEN NEW.high_tech_review_on IS NOT OLD.high_tech_review_on THEN NEW.high_tech_review_on END), (CASE WHEN NEW.high_tech_review_result IS NOT OLD.high_tech_review_result THEN (CASE WHEN NEW.high_tech_review_result LIKE '%未通过%' OR NEW.high_tech_review_result LIKE '%不通过%' OR NEW.high_tech_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.high_tech_review_result LIKE '%通过%' OR NEW.high_tech_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
  -- the flag cleared: a certificate only a flag had made goes, others are revoked
  DELETE FROM qualifications WHERE NOT (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND (OLD.high_tech IS 1 OR (OLD.high_tech IS NULL AND OLD.high_tech_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL
    AND source IN ('原有标记', '企业信息') AND certificate_no = '' AND note = '' AND review_on IS NULL AND review_result IS NULL;
  UPDATE qualifications SET revoked_on = date('now', 'localtime'), revoke_reason = '企业信息中取消了该资质', updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NOT (NEW.high_tech IS 1 OR (NEW.high_tech IS NULL AND NEW.high_tech_year IS NOT NULL)) AND (OLD.high_tech IS 1 OR (OLD.high_tech IS NULL AND OLD.high_tech_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '高新技术企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL;
END;

-- 创新型中小企业: the summary follows its certificates.
CREATE TRIGGER qualifications_summary_innovative_sme_insert AFTER INSERT ON qualifications WHEN (NEW.kind = '创新型中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET innovative_sme = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    innovative_sme_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    innovative_sme_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    innovative_sme_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_innovative_sme_update AFTER UPDATE ON qualifications WHEN (NEW.kind = '创新型中小企业' OR OLD.kind = '创新型中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET innovative_sme = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    innovative_sme_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    innovative_sme_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    innovative_sme_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = NEW.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = NEW.enterprise_id;
  -- moved to another enterprise: the old one's summary too
  UPDATE enterprises SET innovative_sme = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    innovative_sme_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    innovative_sme_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    innovative_sme_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id AND OLD.enterprise_id IS NOT NEW.enterprise_id;
END;
CREATE TRIGGER qualifications_summary_innovative_sme_delete AFTER DELETE ON qualifications WHEN (OLD.kind = '创新型中小企业') AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  UPDATE enterprises SET innovative_sme = EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL),
    innovative_sme_year = CAST(substr((SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), 1, 4) AS INTEGER),
    innovative_sme_on = (SELECT obtained_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_until = (SELECT valid_until FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1),
    innovative_sme_review_on = (SELECT review_on FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1), innovative_sme_review_result = (SELECT review_result FROM qualifications WHERE enterprise_id = OLD.enterprise_id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)
  WHERE id = OLD.enterprise_id;
END;
-- 创新型中小企业: the certificate follows the summary columns.
CREATE TRIGGER enterprises_innovative_sme_on_insert AFTER INSERT ON enterprises WHEN (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '创新型中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '创新型中小企业'), (CASE WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), coalesce(NEW.innovative_sme_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '创新型中小企业')), NEW.innovative_sme_review_on, (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
END;
CREATE TRIGGER enterprises_innovative_sme_columns AFTER UPDATE OF innovative_sme, innovative_sme_year, innovative_sme_on, innovative_sme_until, innovative_sme_review_on, innovative_sme_review_result ON enterprises
WHEN (NEW.innovative_sme IS NOT OLD.innovative_sme OR NEW.innovative_sme_year IS NOT OLD.innovative_sme_year OR NEW.innovative_sme_on IS NOT OLD.innovative_sme_on OR NEW.innovative_sme_until IS NOT OLD.innovative_sme_until OR NEW.innovative_sme_review_on IS NOT OLD.innovative_sme_review_on OR NEW.innovative_sme_review_result IS NOT OLD.innovative_sme_review_result) AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'qualifications_follow_paused')
BEGIN
  -- a 认定时间 after the latest certificate's end: a new recognition
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '创新型中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '创新型中小企业'), (CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), coalesce((CASE WHEN NEW.innovative_sme_until IS NOT OLD.innovative_sme_until THEN NEW.innovative_sme_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '创新型中小企业')), (CASE WHEN NEW.innovative_sme_review_on IS NOT OLD.innovative_sme_review_on THEN NEW.innovative_sme_review_on END), (CASE WHEN NEW.innovative_sme_review_result IS NOT OLD.innovative_sme_review_result THEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND EXISTS (SELECT 1 FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) AND (CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1));
  -- otherwise the latest live certificate takes what changed
  UPDATE qualifications SET
    obtained_on = (CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END),
    valid_until = CASE
      WHEN NEW.innovative_sme_until IS NOT OLD.innovative_sme_until THEN coalesce(NEW.innovative_sme_until, (SELECT CAST(CAST(substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '创新型中小企业'))
      WHEN (CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END) IS NOT obtained_on THEN (SELECT CAST(CAST(substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 1, 4) AS INTEGER) + 1 * validity_years AS TEXT) || substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '创新型中小企业')
      WHEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) = '通过' AND review_result IS NOT '通过' THEN (SELECT CAST(CAST(substr(valid_until, 1, 4) AS INTEGER) + validity_years AS TEXT) || substr(valid_until, 5) FROM qualification_kinds WHERE name = '创新型中小企业')
      ELSE valid_until END,
    review_on = CASE WHEN NEW.innovative_sme_review_on IS NOT OLD.innovative_sme_review_on THEN NEW.innovative_sme_review_on ELSE review_on END,
    review_result = CASE WHEN NEW.innovative_sme_review_result IS NOT OLD.innovative_sme_review_result THEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) ELSE review_result END,
    updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1) AND NOT ((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END) > (SELECT valid_until FROM qualifications WHERE id = (SELECT id FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL ORDER BY coalesce(obtained_on, '') DESC, id DESC LIMIT 1)) IS 1)
    AND ((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END) IS NOT obtained_on OR NEW.innovative_sme_until IS NOT OLD.innovative_sme_until OR NEW.innovative_sme_review_on IS NOT OLD.innovative_sme_review_on OR NEW.innovative_sme_review_result IS NOT OLD.innovative_sme_review_result);
  -- the flag set with no live certificate: one is made
  INSERT INTO qualifications(enterprise_id, kind, level, obtained_on, valid_until, review_on, review_result, source, created_at, updated_at)
  SELECT NEW.id, '创新型中小企业', (SELECT default_level FROM qualification_kinds WHERE name = '创新型中小企业'), (CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), coalesce((CASE WHEN NEW.innovative_sme_until IS NOT OLD.innovative_sme_until THEN NEW.innovative_sme_until END), (SELECT CAST(CAST(substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 1, 4) AS INTEGER) + (CASE WHEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) = '通过' THEN 2 ELSE 1 END) * validity_years AS TEXT) || substr((CASE WHEN NEW.innovative_sme_on IS NOT OLD.innovative_sme_on AND NEW.innovative_sme_on IS NOT NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_year IS NULL THEN NEW.innovative_sme_on
        WHEN NEW.innovative_sme_on IS NOT NULL AND substr(NEW.innovative_sme_on, 1, 4) = CAST(NEW.innovative_sme_year AS TEXT) THEN NEW.innovative_sme_on
        ELSE CAST(NEW.innovative_sme_year AS TEXT) END), 5) FROM qualification_kinds WHERE name = '创新型中小企业')), (CASE WHEN NEW.innovative_sme_review_on IS NOT OLD.innovative_sme_review_on THEN NEW.innovative_sme_review_on END), (CASE WHEN NEW.innovative_sme_review_result IS NOT OLD.innovative_sme_review_result THEN (CASE WHEN NEW.innovative_sme_review_result LIKE '%未通过%' OR NEW.innovative_sme_review_result LIKE '%不通过%' OR NEW.innovative_sme_review_result LIKE '%不合格%' THEN '未通过' WHEN NEW.innovative_sme_review_result LIKE '%通过%' OR NEW.innovative_sme_review_result LIKE '%合格%' THEN '通过' END) END), '企业信息', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND NOT EXISTS (SELECT 1 FROM qualifications WHERE enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL);
  -- the flag cleared: a certificate only a flag had made goes, others are revoked
  DELETE FROM qualifications WHERE NOT (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND (OLD.innovative_sme IS 1 OR (OLD.innovative_sme IS NULL AND OLD.innovative_sme_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL
    AND source IN ('原有标记', '企业信息') AND certificate_no = '' AND note = '' AND review_on IS NULL AND review_result IS NULL;
  UPDATE qualifications SET revoked_on = date('now', 'localtime'), revoke_reason = '企业信息中取消了该资质', updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
  WHERE NOT (NEW.innovative_sme IS 1 OR (NEW.innovative_sme IS NULL AND NEW.innovative_sme_year IS NOT NULL)) AND (OLD.innovative_sme IS 1 OR (OLD.innovative_sme IS NULL AND OLD.innovative_sme_year IS NOT NULL)) AND enterprise_id = NEW.id AND kind = '创新型中小企业' AND revoked_on IS NULL AND review_result IS NOT '未通过' AND deleted_at IS NULL;
END;

