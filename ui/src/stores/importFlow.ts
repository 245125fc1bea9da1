// The county-sheet import in progress, shared by the 数据导入 page, the 企业库 导入 button and
// files dropped on the window: the chosen file, the user's corrections (column mapping, year,
// county), the preview they give, and the result once written.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { AppError } from "../api/backend";
import { cancelImport, commitImport, previewImport } from "../api/importing";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportReport } from "../bindings/ImportReport";
import { notifyError, notifySuccess, notifyWarning } from "../utils/message";
import { usePreviewCommit } from "../composables/usePreviewCommit";

/** idle: no file; reading: the file is being read and compared; preview: waiting for 确认导入;
 *  writing: the import is being written; done: `result` holds what was written. */
export type ImportPhase = "idle" | "reading" | "preview" | "writing" | "done";

/** The mapping drop-down's value for “keep as an extra attribute” (sent to Rust as ""). */
export const KEEP_AS_EXTRA = "__extra";

/** Fallback messages when a step fails without one of its own. */
const FAILED = { preview: "读取文件失败", commit: "导入失败" };

export const useImportFlow = defineStore("importFlow", () => {
  /** The options the current preview was made with; 确认导入 writes with them. */
  const options = ref<ImportOptions>({});
  /** The last progress report of the import being written (null before the first). */
  const progress = ref<ImportProgress | null>(null);
  /** 取消 was pressed during writing; the import is rolling back. */
  const cancelling = ref(false);
  /** When the current read or write began (ms), for the elapsed-time display. */
  const startedAt = ref(0);
  /** Bumped after every committed import so pages reload their data. */
  const generation = ref(0);
  const sheet = usePreviewCommit<ImportPreview, ImportReport, ImportOptions>({
    preview: previewImport,
    commit: (file, opts, shown) => commitImport(file, { ...opts, file_hash: shown.file_hash }, (p) => (progress.value = p)),
    failed: FAILED,
    // A cancelled import fails with “导入已取消，数据库未改动”: a warning, not an error.
    onError: (e, step) => {
      if (step === "commit" && cancelling.value && e instanceof AppError) notifyWarning(e.message);
      else notifyError(e, FAILED[step]);
    },
  });
  const { file: path, fileName, preview, result } = sheet;
  const phase = computed<ImportPhase>(() => {
    if (sheet.loading.value) return "reading";
    if (sheet.committing.value) return "writing";
    if (result.value) return "done";
    return preview.value ? "preview" : "idle";
  });
  const busy = computed(() => phase.value === "reading" || phase.value === "writing");

  /** Reads a newly chosen or dropped file and shows its preview. */
  async function start(file: string) {
    startedAt.value = Date.now();
    if (await sheet.choose(file, {})) options.value = {};
  }

  /** Previews again with `opts`; they become the options only when that succeeds. */
  async function load(opts: ImportOptions) {
    startedAt.value = Date.now();
    if (await sheet.refresh(opts)) options.value = opts;
  }

  /** Maps column `letter` to a field key, "ignore", or KEEP_AS_EXTRA, and previews again.
   *  Only the user's corrections are sent; the rest stays as detected. */
  async function setColumn(letter: string, field: string) {
    const mapping = { ...(options.value.mapping ?? {}), [letter]: field === KEEP_AS_EXTRA ? "" : field };
    await load({ ...options.value, mapping });
  }

  async function setYear(year: number | undefined) {
    await load({ ...options.value, year });
  }

  async function setCounty(county: string | undefined) {
    await load({ ...options.value, county: county || undefined });
  }

  /** Writes the import with the options the preview was made with (a changed mapping is
   *  remembered for this header layout by the importer). */
  async function confirm() {
    if (phase.value !== "preview") return;
    startedAt.value = Date.now();
    progress.value = null;
    cancelling.value = false;
    const written = await sheet.commit(options.value);
    cancelling.value = false;
    if (!written) return;
    generation.value++;
    notifySuccess(`导入完成：新增 ${written.inserted} 条，更新 ${written.updated} 条，未变 ${written.unchanged} 条`);
  }

  /** Stops the import being written; nothing of it stays in the store. */
  async function cancel() {
    if (phase.value !== "writing" || cancelling.value) return;
    cancelling.value = true;
    try {
      await cancelImport();
    } catch (e) {
      cancelling.value = false;
      notifyError(e, "取消失败");
    }
  }

  /** Forgets the file without writing anything. */
  function reset() {
    sheet.reset();
    options.value = {};
  }

  return {
    path,
    fileName,
    options,
    preview,
    result,
    phase,
    progress,
    cancelling,
    busy,
    startedAt,
    generation,
    start,
    setColumn,
    setYear,
    setCounty,
    confirm,
    cancel,
    reset,
  };
});
