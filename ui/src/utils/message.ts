// The one place user messages are shown: success notes and errors in Chinese, never raw dumps.
import { ElMessage, ElMessageBox } from "element-plus";
import { AppError } from "../api/backend";

export function notifySuccess(text: string) {
  ElMessage({ type: "success", message: text, showClose: true });
}

/** What to tell the user about a failure: the backend's Chinese message, else “<prefix>，请重试”. */
export function errorText(e: unknown, prefix = "操作失败"): string {
  return e instanceof AppError ? e.message : `${prefix}，请重试`;
}

export function notifyError(e: unknown, prefix = "操作失败") {
  ElMessage({ type: "error", message: errorText(e, prefix), showClose: true, duration: 8000 });
}

/** Asks before something that cannot be taken back lightly; resolves true when confirmed. */
export async function confirmDanger(text: string, title: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(text, title, { type: "warning", confirmButtonText: confirmText, cancelButtonText: "取消" });
    return true;
  } catch {
    return false;
  }
}

/** A rule the user's input breaks, said before anything is sent. */
export function notifyWarning(text: string) {
  ElMessage({ type: "warning", message: text, showClose: true });
}
