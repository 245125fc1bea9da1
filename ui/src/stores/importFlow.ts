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

/** idle: no file; reading: the file is being read and compared; preview: waiting for 确认导入;
 *  writing: the import is being written; done: `result` holds what was written. */
export type ImportPhase = "idle" | "reading" | "preview" | "writing" | "done";

/** The mapping drop-down's value for “keep as an extra attribute” (sent to Rust as ""). */
export const KEEP_AS_EXTRA = "__extra";

export const useImportFlow = defineStore("importFlow", () => {
  const path = ref<string | null>(null);
  const options = ref<ImportOptions>({});
  const preview = ref<ImportPreview | null>(null);
  const result = ref<ImportReport | null>(null);
  const phase = ref<ImportPhase>("idle");
  /** The last progress report of the import being written (null before the first). */
  const progress = ref<ImportProgress | null>(null);
  /** 取消 was pressed during writing; the import is rolling back. */
  const cancelling = ref(false);
  /** When the current read or write began (ms), for the elapsed-time display. */
  const startedAt = ref(0);
  /** Bumped after every committed import so pages reload their data. */
  const generation = ref(0);
  const busy = computed(() => phase.value === "reading" || phase.value === "writing");
  const fileName = computed(() => path.value?.split(/[\\/]/).pop() ?? "");

  async function load(opts: ImportOptions): Promise<boolean> {
    if (!path.value) return false;
    phase.value = "reading";
    startedAt.value = Date.now();
    try {
      preview.value = await previewImport(path.value, opts);
      options.value = opts;
      phase.value = "preview";
      return true;
    } catch (e) {
      notifyError(e, "读取文件失败");
      phase.value = preview.value ? "preview" : "idle";
      return false;
    }
  }

  /** Reads a newly chosen or dropped file and shows its preview. */
  async function start(file: string) {
    path.value = file;
    preview.value = null;
    result.value = null;
    await load({});
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
    if (!path.value || phase.value !== "preview") return;
    phase.value = "writing";
    startedAt.value = Date.now();
    progress.value = null;
    cancelling.value = false;
    try {
      result.value = await commitImport(path.value, options.value, (p) => (progress.value = p));
      phase.value = "done";
      generation.value++;
      notifySuccess(`导入完成：新增 ${result.value.inserted} 条，更新 ${result.value.updated} 条，未变 ${result.value.unchanged} 条`);
    } catch (e) {
      phase.value = "preview";
      if (cancelling.value && e instanceof AppError) notifyWarning(e.message);
      else notifyError(e, "导入失败");
    } finally {
      cancelling.value = false;
    }
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
    path.value = null;
    options.value = {};
    preview.value = null;
    result.value = null;
    phase.value = "idle";
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
