// The current work plan (工作方案) every page works in: loaded at start, changed by the switcher
// or the 工作方案 page. `switches` counts plan changes so the routed page is remounted (and
// reloads its data) when the plan changes; an unlock only updates `plan` in place.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { currentWorkPlan, listWorkPlans, setWorkPlanUnlocked, useWorkPlan } from "../api/workPlans";
import type { WorkPlan } from "../bindings/WorkPlan";
import { notifyError, notifySuccess } from "../utils/message";

export const useWorkPlanStore = defineStore("workPlan", () => {
  const plan = ref<WorkPlan | null>(null);
  const plans = ref<WorkPlan[]>([]);
  const switches = ref(0);
  let loading: Promise<WorkPlan | null> | null = null;

  /** The current plan is ended and not reopened: progress and entries are read-only. */
  const readOnly = computed(() => plan.value !== null && !plan.value.editable);

  /** Reads the plans and the current one again. */
  async function reload(): Promise<WorkPlan | null> {
    try {
      const [current, all] = await Promise.all([currentWorkPlan(), listWorkPlans()]);
      plan.value = current;
      plans.value = all;
    } catch (e) {
      notifyError(e, "读取工作方案失败");
    }
    return plan.value;
  }

  /** The current plan, loaded once (print views and pages await it before their own data). */
  function ensure(): Promise<WorkPlan | null> {
    if (plan.value) return Promise.resolve(plan.value);
    loading ??= reload().finally(() => (loading = null));
    return loading;
  }

  /** Makes `id` the current plan; the routed page reloads. */
  async function choose(id: number): Promise<boolean> {
    if (plan.value?.id === id) return true;
    try {
      await useWorkPlan(id);
      await reload();
      switches.value++;
      notifySuccess(`已切换到《${plan.value?.title ?? ""}》`);
      return true;
    } catch (e) {
      notifyError(e, "切换工作方案失败");
      return false;
    }
  }

  /** Reopens an ended plan for corrections (or makes it read-only again). */
  async function setUnlocked(id: number, unlocked: boolean): Promise<boolean> {
    try {
      await setWorkPlanUnlocked(id, unlocked);
      await reload();
      notifySuccess(unlocked ? "已允许修改该方案的进展和填报" : "该方案已恢复只读");
      return true;
    } catch (e) {
      notifyError(e, unlocked ? "允许修改失败" : "恢复只读失败");
      return false;
    }
  }

  return { plan, plans, switches, readOnly, reload, ensure, choose, setUnlocked };
});
