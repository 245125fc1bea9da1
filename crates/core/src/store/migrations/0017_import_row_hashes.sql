-- The content hash of the sheet row each enterprise was last imported from (with the way it was
-- read: columns, units, year, county, program version) and the warnings it gave. A re-import of
-- the same row skips reading it again. Any other change to the enterprise or its figures forgets the hash (triggers below),
-- so a kept hash always means "the store holds exactly what this row gives".
CREATE TABLE import_row_hashes (
  enterprise_id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  row_hash BLOB NOT NULL,
  -- The warnings reading the row gave (JSON), shown again when it is skipped; a row with
  -- warnings is skipped only at the same sheet row, as the warnings name it.
  warned_row INTEGER,
  warnings TEXT
);

CREATE TRIGGER import_row_hashes_enterprise_update AFTER UPDATE ON enterprises
BEGIN
  DELETE FROM import_row_hashes WHERE enterprise_id IN (OLD.id, NEW.id);
END;

CREATE TRIGGER import_row_hashes_enterprise_delete AFTER DELETE ON enterprises
BEGIN
  DELETE FROM import_row_hashes WHERE enterprise_id = OLD.id;
END;

CREATE TRIGGER import_row_hashes_figures_insert AFTER INSERT ON enterprise_figures
BEGIN
  DELETE FROM import_row_hashes WHERE enterprise_id = NEW.enterprise_id;
END;

CREATE TRIGGER import_row_hashes_figures_update AFTER UPDATE ON enterprise_figures
BEGIN
  DELETE FROM import_row_hashes WHERE enterprise_id IN (OLD.enterprise_id, NEW.enterprise_id);
END;

CREATE TRIGGER import_row_hashes_figures_delete AFTER DELETE ON enterprise_figures
BEGIN
  DELETE FROM import_row_hashes WHERE enterprise_id = OLD.enterprise_id;
END;
