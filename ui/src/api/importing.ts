// County sheet import calls: preview (writes nothing), commit (one transaction, with progress,
// cancellable), history, undo, and the blank collection template.
import { call, callWithProgress } from "./backend";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportRecord } from "../bindings/ImportRecord";
import type { ImportReport } from "../bindings/ImportReport";
import type { UndoReport } from "../bindings/UndoReport";

export const previewImport = (path: string, options: ImportOptions) =>
  call<ImportPreview>("import_preview", { path, options });
export const commitImport = (path: string, options: ImportOptions, onProgress: (p: ImportProgress) => void) =>
  callWithProgress<ImportReport, ImportProgress>("import_commit", { path, options }, onProgress);
/** Stops the running commit; it rolls back and fails with “导入已取消，数据库未改动”. */
export const cancelImport = () => call<void>("import_cancel");
export const listImports = () => call<ImportRecord[]>("import_list");
export const undoImport = (importId: number) => call<UndoReport>("import_undo", { importId });
export const writeTemplate = (path: string) => call<void>("import_template", { path });
