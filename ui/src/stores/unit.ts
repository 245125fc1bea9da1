// This installation's unit (本机单位: 市工信局 or a county), shared by the 工作台, the 设置 and
// 数据交换 pages and the enterprise list's default county filter; loaded once, saved through core.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { CITY, getUnit, listUnits, setUnit } from "../api/exchange";

export const useUnitStore = defineStore("unit", () => {
  const unit = ref<string | null>(null);
  const units = ref<string[]>([]);
  let loading: Promise<string | null> | null = null;

  /** The county this installation belongs to; null for the city or while none is chosen. */
  const county = computed(() => (unit.value && unit.value !== CITY ? unit.value : null));

  /** The unit, read once from the store. */
  function ensure(): Promise<string | null> {
    if (units.value.length) return Promise.resolve(unit.value);
    loading ??= Promise.all([getUnit(), listUnits()])
      .then(([u, all]) => {
        unit.value = u;
        units.value = all;
        return u;
      })
      .finally(() => (loading = null));
    return loading;
  }

  async function choose(name: string): Promise<string> {
    unit.value = await setUnit(name);
    return unit.value;
  }

  return { unit, units, county, ensure, choose };
});
