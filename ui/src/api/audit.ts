// 操作日志 calls: a filtered page of the audit log, the filter choices, and the .xlsx export.
import { call } from "./backend";
import type { AuditFilters } from "../bindings/AuditFilters";
import type { AuditPage } from "../bindings/AuditPage";
import type { AuditQuery } from "../bindings/AuditQuery";

export const listAudit = (query: AuditQuery) => call<AuditPage>("audit_list", { query });
export const auditFilters = () => call<AuditFilters>("audit_filters");
export const exportAudit = (query: AuditQuery, path: string) => call<number>("audit_export", { query, path });
