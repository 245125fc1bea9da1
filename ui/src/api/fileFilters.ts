// The file types offered by the native open and save dialogs, one list per kind of file, and
// the test for a dropped file being a spreadsheet the importers read.
import type { FileFilter } from "./backend";

/** Spreadsheets the importers read (county sheets, task sheets, ledgers, county progress). */
export const SHEET_FILTERS: FileFilter[] = [{ name: "Excel 表格", extensions: ["xlsx", "xls", "xlsm"] }];
/** Task-assignment tables a new work plan is imported from (a sheet or the plan's Word table). */
export const TASK_TABLE_FILTERS: FileFilter[] = [{ name: "任务分工表（Excel 或 Word）", extensions: ["xlsx", "xls", "xlsm", "docx"] }];
/** Workbooks the app writes (exports, the blank template). */
export const XLSX_FILTERS: FileFilter[] = [{ name: "Excel 工作簿", extensions: ["xlsx"] }];
/** Word documents the app writes (一企一策). */
export const DOCX_FILTERS: FileFilter[] = [{ name: "Word 文档", extensions: ["docx"] }];
/** PDF files the print views save (导出 PDF). */
export const PDF_FILTERS: FileFilter[] = [{ name: "PDF 文件", extensions: ["pdf"] }];
/** Store backups, written and restored on the 设置 page. */
export const BACKUP_FILTERS: FileFilter[] = [{ name: "数据库备份", extensions: ["db"] }];

/** Whether `path` ends in one of the SHEET_FILTERS extensions (any letter case). */
export function isSheetFile(path: string): boolean {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1].toLowerCase();
  return ext !== undefined && SHEET_FILTERS.some((f) => f.extensions.includes(ext));
}
