// County sheet import calls: preview (writes nothing), commit (one transaction), history, undo,
// and the blank collection template.
import { call } from "./backend";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportRecord } from "../bindings/ImportRecord";
import type { ImportReport } from "../bindings/ImportReport";
import type { UndoReport } from "../bindings/UndoReport";

export const SHEET_FILTERS = [{ name: "Excel 表格", extensions: ["xlsx", "xls", "xlsm"] }];
export const TEMPLATE_FILTERS = [{ name: "Excel 工作簿", extensions: ["xlsx"] }];

export const previewImport = (path: string, options: ImportOptions) =>
  call<ImportPreview>("import_preview", { path, options });
export const commitImport = (path: string, options: ImportOptions) =>
  call<ImportReport>("import_commit", { path, options });
export const listImports = () => call<ImportRecord[]>("import_list");
export const undoImport = (importId: number) => call<UndoReport>("import_undo", { importId });
export const writeTemplate = (path: string) => call<void>("import_template", { path });
