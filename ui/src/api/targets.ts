// 目标看板 calls: the board, the enterprises behind a computed value, manual values, export.
import { call } from "./backend";
import type { IndicatorMembers } from "../bindings/IndicatorMembers";
import type { TargetBoard } from "../bindings/TargetBoard";
import type { TargetEntry } from "../bindings/TargetEntry";
import type { TargetEntryInput } from "../bindings/TargetEntryInput";
import type { TargetQuery } from "../bindings/TargetQuery";

export const targetBoard = (query: TargetQuery) => call<TargetBoard>("targets_board", { query });
export const targetMembers = (key: string, query: TargetQuery, offset: number, limit: number) =>
  call<IndicatorMembers>("targets_members", { key, query, paging: { offset, limit } });
export const saveTargetEntry = (input: TargetEntryInput) => call<TargetEntry>("targets_entry_save", { input });
/** Removes a manual value of the city, or of `county` when given. */
export const deleteTargetEntry = (indicator: string, year: number, county?: string | null) =>
  call<void>("targets_entry_delete", { indicator, year, county: county ?? null });
export const exportTargets = (path: string, query: TargetQuery) => call<void>("targets_export", { path, query });
