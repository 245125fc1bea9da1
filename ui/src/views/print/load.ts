// Loading the data of a print view: errors shown in Chinese, and `ready` set either way so the
// print sheet lays out what it has (an empty sheet rather than a spinner forever).
import type { Ref } from "vue";
import { notifyError } from "../../utils/message";

export async function loadForPrint(ready: Ref<boolean>, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (e) {
    notifyError(e, "读取打印数据失败");
  } finally {
    ready.value = true;
  }
}
