// 资质认定 calls: an enterprise's certificates (list, add, correct, review, revoke, delete to the 回收站,
// restore), those expiring within N months (工作台), and the catalogue of kinds (设置).
import { call } from "./backend";
import type { ExpiringQualification } from "../bindings/ExpiringQualification";
import type { KindInput } from "../bindings/KindInput";
import type { Qualification } from "../bindings/Qualification";
import type { QualificationInput } from "../bindings/QualificationInput";
import type { QualificationKind } from "../bindings/QualificationKind";
import type { ReviewInput } from "../bindings/ReviewInput";
import type { RevokeInput } from "../bindings/RevokeInput";

export const qualificationsOf = (enterpriseId: number, deleted = false) =>
  call<Qualification[]>("qualifications_of", { enterpriseId, deleted });
export const addQualification = (input: QualificationInput) => call<Qualification>("qualifications_add", { input });
export const updateQualification = (id: number, input: QualificationInput) =>
  call<Qualification>("qualifications_update", { id, input });
/** 通过 moves 有效期至 one period on; 未通过 ends the certificate. */
export const reviewQualification = (id: number, input: ReviewInput) => call<Qualification>("qualifications_review", { id, input });
export const revokeQualification = (id: number, input: RevokeInput) => call<Qualification>("qualifications_revoke", { id, input });
export const deleteQualification = (id: number) => call<Qualification>("qualifications_delete", { id });
export const restoreQualification = (id: number) => call<Qualification>("qualifications_restore", { id });
/** Certificates valid today that end within `withinMonths` months, soonest first. */
export const expiringQualifications = (withinMonths = 6) =>
  call<ExpiringQualification[]>("qualifications_expiring", { withinMonths });
export const qualificationKinds = () => call<QualificationKind[]>("qualification_kinds");
export const addQualificationKind = (input: KindInput) => call<QualificationKind>("qualification_kinds_add", { input });
