-- Data safety: mark the file as a Pacesetter store (PRAGMA application_id, ASCII "PCST") so a
-- backup can be recognised before a restore; index the audit log by time for the 操作日志 page.
PRAGMA application_id = 1346589524;
CREATE INDEX audit_log_at ON audit_log(at);
