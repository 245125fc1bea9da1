// 数据交换 calls: this installation's unit, export a package, preview and import one with the
// receiver's conflict choices, the packages sent and received, undo an import.
import { call, type FileFilter } from "./backend";
import type { PackageChoices } from "../bindings/PackageChoices";
import type { PackageExport } from "../bindings/PackageExport";
import type { PackageRecord } from "../bindings/PackageRecord";
import type { PackageReport } from "../bindings/PackageReport";
import type { PackageUndoReport } from "../bindings/PackageUndoReport";

/** Data package files (.pacesetter), written and read on the 数据交换 page. */
export const PACKAGE_FILTERS: FileFilter[] = [{ name: "数据包（.pacesetter）", extensions: ["pacesetter"] }];

export const CITY = "市工信局";

export const getUnit = () => call<string | null>("exchange_unit");
export const listUnits = () => call<string[]>("exchange_units");
export const setUnit = (unit: string) => call<string>("exchange_set_unit", { unit });
export const exportPackage = (path: string, county: string | null) => call<PackageExport>("exchange_export", { path, county });
/** What importing the package would do; writes nothing. */
export const previewPackage = (path: string, choices: PackageChoices) => call<PackageReport>("exchange_preview", { path, choices });
export const importPackage = (path: string, choices: PackageChoices) => call<PackageReport>("exchange_import", { path, choices });
export const listPackages = () => call<PackageRecord[]>("exchange_list");
export const undoPackage = (id: number) => call<PackageUndoReport>("exchange_undo", { id });
/** What undoing would do, record by record; writes nothing. */
export const undoPackagePreview = (id: number) => call<PackageUndoReport>("exchange_undo_preview", { id });

/** 清河县 → 市工信局 上报数据包 */
export function describePackage(kind: string, sender: string, receiver: string): string {
  return `${sender} → ${receiver} ${kind === "up" ? "上报数据包" : "下发数据包"}`;
}

/** The file name a package is saved under: sender-receiver-date. */
export function packageFileName(sender: string, receiver: string, today: Date): string {
  const d = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, "0")}${String(today.getDate()).padStart(2, "0")}`;
  return `${sender}至${receiver}数据包-${d}.pacesetter`;
}
