// The only module that talks to Tauri: typed command calls, file dialogs and dropped files.
// Errors from Rust arrive as {code, message}; they are rethrown as AppError.
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open, save } from "@tauri-apps/plugin-dialog";
import type { ErrorPayload } from "../bindings/ErrorPayload";

export class AppError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

function toAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const p = e as ErrorPayload;
    return new AppError(p.code, p.message);
  }
  return new AppError("internal", typeof e === "string" ? e : "程序内部错误，请重试");
}

/** Calls a Rust command by name. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

/** Calls a Rust command that takes an `on_progress: Channel<P>` argument; `onProgress` gets
 *  each report while the command runs. */
export async function callWithProgress<T, P>(
  command: string,
  args: Record<string, unknown>,
  onProgress: (progress: P) => void,
): Promise<T> {
  const channel = new Channel<P>();
  channel.onmessage = onProgress;
  return call<T>(command, { ...args, onProgress: channel });
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The native open dialog; null when the user cancels. */
export async function pickFile(title: string, filters: FileFilter[]): Promise<string | null> {
  const chosen = await open({ title, multiple: false, directory: false, filters });
  return typeof chosen === "string" ? chosen : null;
}

/** The native folder chooser; null when the user cancels. */
export async function pickFolder(title: string): Promise<string | null> {
  const chosen = await open({ title, multiple: false, directory: true });
  return typeof chosen === "string" ? chosen : null;
}

/** The native save dialog; null when the user cancels. */
export async function pickSavePath(title: string, defaultPath: string, filters: FileFilter[]): Promise<string | null> {
  return (await save({ title, defaultPath, filters })) ?? null;
}

/** Calls `handler` with the paths of files dropped on the window; returns the unsubscribe function. */
export async function onFilesDropped(handler: (paths: string[]) => void): Promise<() => void> {
  return getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type === "drop") handler(event.payload.paths);
  });
}
