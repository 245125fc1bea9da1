// 工作方案 calls: the plans, the current one, editing, reopening an ended plan, copy to a new
// period, import from a task sheet (+ indicator sheet), the indicator template and the
// evaluation report (总结评估 for the whole period, 年度报告 for a year; .docx or .xlsx by extension).
import { call } from "./backend";
import type { WorkPlan } from "../bindings/WorkPlan";
import type { WorkPlanInput } from "../bindings/WorkPlanInput";
import type { PlanImportReport } from "../bindings/PlanImportReport";
import type { EvaluationReport } from "../bindings/EvaluationReport";

export const listWorkPlans = () => call<WorkPlan[]>("work_plans_list");
export const currentWorkPlan = () => call<WorkPlan>("work_plans_current");
export const useWorkPlan = (id: number) => call<WorkPlan>("work_plans_use", { id });
export const updateWorkPlan = (id: number, input: WorkPlanInput) => call<WorkPlan>("work_plans_update", { id, input });
export const setWorkPlanUnlocked = (id: number, unlocked: boolean) => call<WorkPlan>("work_plans_set_unlocked", { id, unlocked });
export const copyWorkPlan = (id: number, startYear: number, endYear: number, title: string | null) =>
  call<WorkPlan>("work_plans_copy", { id, startYear, endYear, title });
export const importWorkPlan = (input: WorkPlanInput, tasks: string, indicators: string | null) =>
  call<PlanImportReport>("work_plans_import", { input, tasks, indicators });
export const exportPlanTemplate = (id: number, path: string) => call<null>("work_plans_template", { id, path });
/** `year` null: the whole period. */
export const planReport = (id: number, year: number | null) => call<EvaluationReport>("work_plans_report", { id, year });
export const exportPlanReport = (id: number, year: number | null, path: string) =>
  call<EvaluationReport>("work_plans_report_export", { id, year, path });

// A plan's measures and indicators, edited on the 工作方案 page.
import type { Task } from "../bindings/Task";
import type { MeasureInput } from "../bindings/MeasureInput";
import type { PlanIndicator } from "../bindings/PlanIndicator";
import type { IndicatorInput } from "../bindings/IndicatorInput";

export const planMeasures = (id: number) => call<Task[]>("work_plans_measures", { id });
export const addMeasure = (id: number, input: MeasureInput) => call<Task>("work_plans_add_measure", { id, input });
export const updateMeasure = (taskId: number, input: MeasureInput) => call<Task>("work_plans_update_measure", { taskId, input });
export const deleteMeasure = (taskId: number) => call<null>("work_plans_delete_measure", { taskId });
export const planIndicators = (id: number) => call<PlanIndicator[]>("work_plans_indicators", { id });
export const addIndicator = (id: number, input: IndicatorInput) => call<PlanIndicator>("work_plans_add_indicator", { id, input });
export const updateIndicator = (id: number, key: string, input: IndicatorInput) =>
  call<PlanIndicator>("work_plans_update_indicator", { id, key, input });
export const deleteIndicator = (id: number, key: string) => call<null>("work_plans_delete_indicator", { id, key });
