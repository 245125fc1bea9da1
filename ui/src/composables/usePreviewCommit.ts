// Preview, then commit: a chosen file is read into a preview that writes nothing, and written on
// 确认导入. The state and steps shared by the 数据导入 page and the task, county-progress and
// ledger import dialogs.
import { computed, ref, shallowRef } from "vue";
import { errorText, notifyError } from "../utils/message";

export type PreviewCommitStep = "preview" | "commit";

/** The last failure: which step, and the Chinese text shown for it. */
export interface PreviewCommitError {
  step: PreviewCommitStep;
  message: string;
}

/** What an import does with a file. `O` is what the user chose besides the file (column
 *  mapping, county, period…); `void` when there is nothing to choose. */
export interface PreviewCommitSteps<P, R, O> {
  /** Reads the file and says what importing it would do; writes nothing. */
  preview: (file: string, options: O) => Promise<P>;
  /** Writes the import; `preview` is the one shown, whose file hash the backend checks so
   *  that a file changed since is refused (文件在预览后已被修改，请重新预览). */
  commit: (file: string, options: O, preview: P) => Promise<R>;
  /** What failed, for the message when the backend gives none: “读取任务分工表失败”. */
  failed: Record<PreviewCommitStep, string>;
  /** Shows a failure; by default an error message (`notifyError` with `failed[step]`).
   *  `error` holds the failure either way. */
  onError?: (e: unknown, step: PreviewCommitStep) => void;
}

export function usePreviewCommit<P, R = P, O = void>(steps: PreviewCommitSteps<P, R, O>) {
  /** The chosen file's path; null before one is chosen and after `reset`. */
  const file = ref<string | null>(null);
  const preview = shallowRef<P | null>(null);
  /** What `commit` wrote; null until then. */
  const result = shallowRef<R | null>(null);
  /** A preview is being read. */
  const loading = ref(false);
  /** The import is being written. */
  const committing = ref(false);
  const error = shallowRef<PreviewCommitError | null>(null);
  const fileName = computed(() => file.value?.split(/[\\/]/).pop() ?? "");

  function fail(e: unknown, step: PreviewCommitStep) {
    error.value = { step, message: errorText(e, steps.failed[step]) };
    if (steps.onError) steps.onError(e, step);
    else notifyError(e, steps.failed[step]);
  }

  /** Previews the current file again with `options` (e.g. a corrected column); when that fails
   *  the last preview stays. Resolves whether a preview was read. */
  async function refresh(options: O): Promise<boolean> {
    if (!file.value) return false;
    loading.value = true;
    error.value = null;
    try {
      preview.value = await steps.preview(file.value, options);
      return true;
    } catch (e) {
      fail(e, "preview");
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Takes `path` as the file, forgetting the previous one's preview and result, and previews
   *  it; null only forgets. Resolves whether a preview was read. */
  async function choose(path: string | null, options: O): Promise<boolean> {
    file.value = path;
    preview.value = null;
    result.value = null;
    error.value = null;
    return refresh(options);
  }

  /** Writes the previewed file with `options`; resolves what was written, or null when it
   *  failed (the preview stays) or there is nothing to write yet. */
  async function commit(options: O): Promise<R | null> {
    const shown = preview.value;
    if (!file.value || shown === null || loading.value || committing.value) return null;
    committing.value = true;
    error.value = null;
    try {
      result.value = await steps.commit(file.value, options, shown);
      return result.value;
    } catch (e) {
      fail(e, "commit");
      return null;
    } finally {
      committing.value = false;
    }
  }

  /** Forgets the file, its preview and result without writing anything. */
  function reset() {
    file.value = null;
    preview.value = null;
    result.value = null;
    error.value = null;
  }

  return { file, fileName, preview, result, loading, committing, error, choose, refresh, commit, reset };
}
