// County sheet import calls: preview (writes nothing), commit (one transaction), history, undo.
import { call } from "./backend";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportReport } from "../bindings/ImportReport";

export const SHEET_FILTERS = [{ name: "Excel 表格", extensions: ["xlsx", "xls", "xlsm"] }];

export const previewImport = (path: string, options: ImportOptions) =>
  call<ImportPreview>("import_preview", { path, options });
export const commitImport = (path: string, options: ImportOptions) =>
  call<ImportReport>("import_commit", { path, options });
