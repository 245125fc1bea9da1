// Problem ledger calls: list/filter, detail, the workflow steps, statistics, unit options, export,
// and a county ledger sheet's import (preview, then commit).
import { call } from "./backend";
import type { AssignInput } from "../bindings/AssignInput";
import type { CloseInput } from "../bindings/CloseInput";
import type { LedgerImportReport } from "../bindings/LedgerImportReport";
import type { LedgerOptions } from "../bindings/LedgerOptions";
import type { LedgerStats } from "../bindings/LedgerStats";
import type { Problem } from "../bindings/Problem";
import type { ProblemDetail } from "../bindings/ProblemDetail";
import type { ProblemInput } from "../bindings/ProblemInput";
import type { ProblemPage } from "../bindings/ProblemPage";
import type { ProblemQuery } from "../bindings/ProblemQuery";
import type { ServeInput } from "../bindings/ServeInput";

export const listProblems = (query: ProblemQuery) => call<ProblemPage>("ledger_list", { query });
export const problemDetail = (id: number) => call<ProblemDetail>("ledger_detail", { id });
export const createProblem = (input: ProblemInput) => call<Problem>("ledger_create", { input });
export const assignProblem = (id: number, input: AssignInput) => call<Problem>("ledger_assign", { id, input });
export const serveProblem = (id: number, input: ServeInput) => call<Problem>("ledger_serve", { id, input });
export const closeProblem = (id: number, input: CloseInput) => call<Problem>("ledger_close", { id, input });
export const confirmProblem = (id: number) => call<Problem>("ledger_confirm", { id });
export const returnProblem = (id: number, reason: string) => call<Problem>("ledger_return", { id, reason });
export const setProblemDeadline = (id: number, deadline: string) => call<Problem>("ledger_set_deadline", { id, deadline });
/** 关联措施: `taskId` null unlinks. */
export const linkProblemTask = (id: number, taskId: number | null) => call<Problem>("ledger_link_task", { id, taskId });
export const ledgerStats = () => call<LedgerStats>("ledger_stats");
export const ledgerUnits = () => call<string[]>("ledger_units");
export const exportLedger = (query: ProblemQuery, path: string) => call<number>("ledger_export", { query, path });
export const ledgerOptions = () => call<LedgerOptions>("ledger_options");
export const previewLedgerImport = (path: string) => call<LedgerImportReport>("ledger_import_preview", { path });
/** Imports the previewed sheet; refused when the file no longer has the preview's `fileHash`. */
export const commitLedgerImport = (path: string, fileHash: string) => call<LedgerImportReport>("ledger_import_commit", { path, fileHash });
