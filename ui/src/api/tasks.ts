// Task-assignment table calls: measures, sheet import/export, progress records, the deadline
// board and the per-unit / per-county summaries.
import { call } from "./backend";
import type { Task } from "../bindings/Task";
import type { TaskImportReport } from "../bindings/TaskImportReport";
import type { TaskExportOptions } from "../bindings/TaskExportOptions";
import type { CountyProgressReport } from "../bindings/CountyProgressReport";
import type { ProgressInput } from "../bindings/ProgressInput";
import type { ProgressQuery } from "../bindings/ProgressQuery";
import type { TaskProgress } from "../bindings/TaskProgress";
import type { TaskUnitStatus } from "../bindings/TaskUnitStatus";
import type { ProgressSummary } from "../bindings/ProgressSummary";
import type { QuantityTarget } from "../bindings/QuantityTarget";

export const listTasks = () => call<Task[]>("tasks_list");
/** A preview with the SHA-256 of the file it read; the commit gives it back. */
export type Hashed<T> = T & { file_hash: string };
export const previewTaskImport = (path: string) => call<Hashed<TaskImportReport>>("tasks_import_preview", { path });
/** Imports the previewed sheet; refused when the file no longer has the preview's `fileHash`. */
export const commitTaskImport = (path: string, fileHash: string) => call<TaskImportReport>("tasks_import_commit", { path, fileHash });
export const exportTasks = (path: string, options: TaskExportOptions) => call<null>("tasks_export", { path, options });
export const exportProgressReport = (path: string, period: string) =>
  call<null>("tasks_export_progress", { path, period });
export const previewCountyProgress = (path: string, county: string | null, period: string | null) =>
  call<Hashed<CountyProgressReport>>("tasks_county_progress_preview", { path, county, period });
export const importCountyProgress = (path: string, county: string | null, period: string | null, fileHash: string) =>
  call<CountyProgressReport>("tasks_county_progress_import", { path, county, period, fileHash });
export const upsertProgress = (input: ProgressInput) => call<TaskProgress>("tasks_progress_upsert", { input });
export const deleteProgress = (id: number) => call<null>("tasks_progress_delete", { id });
export const listProgress = (query: ProgressQuery) => call<TaskProgress[]>("tasks_progress_list", { query });
export const taskBoard = () => call<TaskUnitStatus[]>("tasks_board");
export const summaryByUnit = () => call<ProgressSummary[]>("tasks_summary_units");
export const summaryByCounty = () => call<ProgressSummary[]>("tasks_summary_counties");
export const quantityTarget = (content: string) => call<QuantityTarget | null>("tasks_quantity_target", { content });
/** The number a unit's progress is counted against in a period (a county's 任务分解 share, else the measure's). */
export const unitTarget = (taskId: number, unit: string, period: string) => call<number | null>("tasks_unit_target", { taskId, unit, period });
export const countyGovernment = (county: string) => call<string>("tasks_county_government", { county });
export const progressStatuses = () => call<string[]>("tasks_statuses");
