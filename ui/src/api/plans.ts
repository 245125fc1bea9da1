// 一企一策 calls: the plan of an enterprise for a year (saved or pre-filled draft), save, copy to
// next year, the list by county/year, the awards catalogue and Word export.
import { call } from "./backend";
import type { Plan } from "../bindings/Plan";
import type { PlanBody } from "../bindings/PlanBody";
import type { PlanOptions } from "../bindings/PlanOptions";
import type { PlanSummary } from "../bindings/PlanSummary";
import type { AwardItem } from "../bindings/AwardItem";
import type { AwardInput } from "../bindings/AwardInput";

export const getPlan = (enterpriseId: number, year: number) => call<Plan>("plans_get", { enterpriseId, year });
export const savePlan = (enterpriseId: number, year: number, body: PlanBody) =>
  call<Plan>("plans_save", { enterpriseId, year, body });
export const copyPlanToNextYear = (enterpriseId: number, year: number) =>
  call<Plan>("plans_copy_next_year", { enterpriseId, year });
export const listPlans = (county: string | null, year: number | null) =>
  call<PlanSummary[]>("plans_list", { county, year });
export const listAwards = () => call<AwardItem[]>("plans_awards");
export const addAward = (input: AwardInput) => call<AwardItem>("plans_add_award", { input });
export const exportPlanDocx = (enterpriseId: number, year: number, path: string) =>
  call<void>("plans_export_docx", { enterpriseId, year, path });
export const exportCountyPlans = (county: string, year: number | null, dir: string) =>
  call<string[]>("plans_export_county", { county, year, dir });
export const planOptions = () => call<PlanOptions>("plans_options");
