// The file types offered by the native open and save dialogs, one list per kind of file, and
// the test for a dropped file being a spreadsheet the importers read.
import type { FileFilter } from "./backend";

/** Tables the importers read by their content: workbooks, web tables saved as .xls, .csv and
 *  tab-separated .txt (county sheets, task sheets, ledgers, county progress). */
const TABLE_EXTENSIONS = ["xlsx", "xls", "xlsm", "ods", "csv", "txt"];
export const SHEET_FILTERS: FileFilter[] = [{ name: "表格文件（Excel、CSV、文本）", extensions: TABLE_EXTENSIONS }];
/** Task sheets also come as Word tables; a .doc is offered so that its reader says how to convert it. */
export const TASK_SHEET_FILTERS: FileFilter[] = [{ name: "任务分工表（Excel、Word、CSV）", extensions: [...TABLE_EXTENSIONS, "docx", "doc"] }];
/** Task-assignment tables a new work plan is imported from. */
export const TASK_TABLE_FILTERS = TASK_SHEET_FILTERS;
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
