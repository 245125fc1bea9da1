// 设置 calls: operator name and backups kept, backup now, restore, automatic backups, and the
// quick check the app ran when it started.
import { call } from "./backend";
import type { BackupFile } from "../bindings/BackupFile";
import type { FileCheck } from "../bindings/FileCheck";
import type { RestoreReport } from "../bindings/RestoreReport";
import type { SafetySettings } from "../bindings/SafetySettings";
import type { StartupReport } from "../bindings/StartupReport";

export const getSettings = () => call<SafetySettings>("settings_get");
export const saveSettings = (settings: SafetySettings) => call<SafetySettings>("settings_save", { settings });
export const backupTo = (path: string) => call<FileCheck>("settings_backup", { path });
export const restoreFrom = (path: string) => call<RestoreReport>("settings_restore", { path });
export const listBackups = () => call<BackupFile[]>("settings_backups");
export const startupReport = () => call<StartupReport>("settings_startup");
