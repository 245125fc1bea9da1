// The county-sheet import in progress: the chosen file, its preview, and the last result.
// Shared by the 导入 button, files dropped on the window and the import dialog.
import { defineStore } from "pinia";
import { ref } from "vue";
import { commitImport, previewImport } from "../api/importing";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportReport } from "../bindings/ImportReport";
import { notifyError, notifySuccess } from "../utils/message";

export const useImportFlow = defineStore("importFlow", () => {
  const path = ref<string | null>(null);
  const options = ref<ImportOptions>({});
  const preview = ref<ImportPreview | null>(null);
  const result = ref<ImportReport | null>(null);
  const busy = ref(false);
  const visible = ref(false);
  /** Bumped after every committed import so pages reload their data. */
  const generation = ref(0);

  async function start(file: string, opts: ImportOptions = {}) {
    path.value = file;
    options.value = opts;
    preview.value = null;
    result.value = null;
    visible.value = true;
    busy.value = true;
    try {
      preview.value = await previewImport(file, opts);
    } catch (e) {
      visible.value = false;
      notifyError(e, "读取文件失败");
    } finally {
      busy.value = false;
    }
  }

  async function confirm() {
    if (!path.value) return;
    busy.value = true;
    try {
      result.value = await commitImport(path.value, options.value);
      generation.value++;
      notifySuccess(`导入完成：新增 ${result.value.inserted} 条，更新 ${result.value.updated} 条，未变 ${result.value.unchanged} 条`);
    } catch (e) {
      notifyError(e, "导入失败");
    } finally {
      busy.value = false;
    }
  }

  function close() {
    visible.value = false;
  }

  return { path, options, preview, result, busy, visible, generation, start, confirm, close };
});
