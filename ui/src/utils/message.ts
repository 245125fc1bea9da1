// The one place user messages are shown: success notes and errors in Chinese, never raw dumps.
import { ElMessage } from "element-plus";
import { AppError } from "../api/backend";

export function notifySuccess(text: string) {
  ElMessage({ type: "success", message: text, showClose: true });
}

export function notifyError(e: unknown, prefix = "操作失败") {
  const text = e instanceof AppError ? e.message : `${prefix}，请重试`;
  ElMessage({ type: "error", message: text, showClose: true, duration: 8000 });
}
