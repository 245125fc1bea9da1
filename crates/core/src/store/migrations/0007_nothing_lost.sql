-- Schema version 7: undo never destroys later work. Each import keeps every touched enterprise's
-- state after it (so undo reverts only what still holds the imported value) and what its undo
-- did (so the undo can be undone).
ALTER TABLE import_changes ADD COLUMN after TEXT;   -- JSON snapshot right after the import
ALTER TABLE imports ADD COLUMN undo_plan TEXT;      -- JSON: what the undo reverted and removed
