// 县区考核 calls: the targets split down to the counties (任务分解: load, save with a preview, the
// sheet out and back), and the 考核: its scheme, the scores and ranking, the score sheet. All of
// the current work plan.
import { call } from "./backend";
import type { Allocation } from "../bindings/Allocation";
import type { AllocationCell } from "../bindings/AllocationCell";
import type { AllocationRead } from "../bindings/AllocationRead";
import type { AllocationSummary } from "../bindings/AllocationSummary";
import type { CountyScore } from "../bindings/CountyScore";
import type { SchemeItem } from "../bindings/SchemeItem";
import type { SchemeWeight } from "../bindings/SchemeWeight";

export const loadAllocation = (year: number) => call<Allocation>("counties_allocation", { year });
/** `dryRun`: what the save would change, nothing written. */
export const saveAllocation = (year: number, cells: AllocationCell[], dryRun: boolean) =>
  call<AllocationSummary>("counties_allocation_save", { year, cells, dryRun });
export const exportAllocation = (year: number, path: string) => call<null>("counties_allocation_export", { year, path });
/** Reads a filled-in allocation sheet: its cells and what is wrong in it (nothing is written). */
export const readAllocation = (year: number, path: string) => call<AllocationRead>("counties_allocation_read", { year, path });
export const assessmentScheme = (year: number) => call<SchemeItem[]>("counties_scheme", { year });
export const saveAssessmentScheme = (year: number, items: SchemeWeight[]) => call<SchemeItem[]>("counties_scheme_save", { year, items });
export const assessCounties = (year: number) => call<CountyScore[]>("counties_assess", { year });
export const exportAssessment = (year: number, path: string) => call<null>("counties_assess_export", { year, path });
