// County sheet import calls: preview (writes nothing), commit (one transaction, with progress,
// cancellable), history, undo (previewed first) and redo, and the blank collection template.
import { call, callWithProgress } from "./backend";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportRecord } from "../bindings/ImportRecord";
import type { ImportReport } from "../bindings/ImportReport";
import type { RedoReport } from "../bindings/RedoReport";
import type { UndoReport } from "../bindings/UndoReport";

export const previewImport = (path: string, options: ImportOptions) =>
  call<ImportPreview>("import_preview", { path, options });
export const commitImport = (path: string, options: ImportOptions, onProgress: (p: ImportProgress) => void) =>
  callWithProgress<ImportReport, ImportProgress>("import_commit", { path, options }, onProgress);
/** Stops the running commit; it rolls back and fails with “导入已取消，数据库未改动”. */
export const cancelImport = () => call<void>("import_cancel");
export const listImports = () => call<ImportRecord[]>("import_list");
/** What undo would revert, remove and keep (and why); writes nothing. */
export const previewUndo = (importId: number) => call<UndoReport>("import_undo_preview", { importId });
export const undoImport = (importId: number) => call<UndoReport>("import_undo", { importId });
/** Undoes the undo: the import's values and the enterprises it had added come back. */
export const redoImport = (importId: number) => call<RedoReport>("import_redo", { importId });
export const writeTemplate = (path: string) => call<void>("import_template", { path });
