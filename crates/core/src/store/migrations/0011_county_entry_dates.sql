-- Schema version 11: a county's manual indicator value carries the date it refers to, as the
-- city's own entries do (target_entries.entered_on).
ALTER TABLE county_entries ADD COLUMN entered_on TEXT NOT NULL DEFAULT '';
