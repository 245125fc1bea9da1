// The ledger's controlled lists (sources, categories, states, satisfactions) as the core defines
// them, loaded once and shared by the ledger's dialogs and filters.
import { ref } from "vue";
import { ledgerOptions } from "../../api/ledger";
import type { LedgerOptions } from "../../bindings/LedgerOptions";
import { notifyError } from "../../utils/message";

const options = ref<LedgerOptions>({ sources: [], categories: [], states: [], satisfactions: [] });
let loading: Promise<void> | null = null;

export function useLedgerOptions() {
  loading ??= ledgerOptions()
    .then((o) => {
      options.value = o;
    })
    .catch((e) => {
      loading = null;
      notifyError(e, "读取选项失败");
    });
  return options;
}
