// Enterprise pool calls: the paged list and its .xlsx export, one enterprise (get, history, create, edit, delete),
// the 回收站 (list, restore, purge), the live USCC check and the form's controlled lists; the lists with
// history (入库 n / 30, one enterprise's memberships) and batch edits (preview, apply, list, undo).
import { call } from "./backend";
import type { EnterpriseChoices } from "../bindings/EnterpriseChoices";
import type { EnterpriseData } from "../bindings/EnterpriseData";
import type { EnterpriseDetail } from "../bindings/EnterpriseDetail";
import type { EnterprisePage } from "../bindings/EnterprisePage";
import type { EnterpriseQuery } from "../bindings/EnterpriseQuery";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { UsccCheck } from "../bindings/UsccCheck";
import type { TrashItem } from "../bindings/TrashItem";
import type { TrashRestored } from "../bindings/TrashRestored";
import type { BatchPreview } from "../bindings/BatchPreview";
import type { BatchRecord } from "../bindings/BatchRecord";
import type { BatchRequest } from "../bindings/BatchRequest";
import type { BatchUndoReport } from "../bindings/BatchUndoReport";
import type { Membership } from "../bindings/Membership";
import type { PoolCount } from "../bindings/PoolCount";

export const listEnterprises = (query: EnterpriseQuery) => call<EnterprisePage>("enterprises_list", { query });
/** Writes the enterprises matching `query` (all pages) to an official .xlsx at `path`; returns how many. */
export const exportEnterprises = (path: string, query: EnterpriseQuery) =>
  call<number>("enterprises_export", { path, query });
export const getEnterprise = (id: number) => call<EnterpriseDetail>("enterprises_get", { id });
export const enterpriseHistory = (id: number) => call<HistoryEntry[]>("enterprises_history", { id });
export const createEnterprise = (data: EnterpriseData) => call<EnterpriseDetail>("enterprises_create", { data });
export const updateEnterprise = (id: number, data: EnterpriseData) =>
  call<EnterpriseDetail>("enterprises_update", { id, data });
/** Moves the enterprise with all its records (figures, 一企一策, problems, stage history) to the 回收站. */
export const deleteEnterprise = (id: number) => call<void>("enterprises_delete", { id });
export const listTrash = () => call<TrashItem[]>("trash_list");
/** Puts a deleted enterprise back; refused while another enterprise has its USCC. */
export const restoreFromTrash = (id: number) => call<TrashRestored>("trash_restore", { id });
/** Removes a deleted enterprise for good; the audit log keeps its full snapshot. */
export const purgeFromTrash = (id: number) => call<TrashItem>("trash_purge", { id });
export const validateUscc = (uscc: string, id: number | null) =>
  call<UsccCheck>("enterprises_validate_uscc", { uscc, id });
export const enterpriseChoices = () => call<EnterpriseChoices>("enterprises_choices");
/** 入库 n / 30 (the work plan's number) and the 领跑者, 白名单, 正面清单 counts. */
export const poolCount = () => call<PoolCount>("enterprises_pool_count");
/** The enterprise's history on the lists, 上市培育库 first. */
export const enterpriseMemberships = (id: number) => call<Membership[]>("enterprises_memberships", { id });
/** What a batch edit would change, enterprise by enterprise; writes nothing. */
export const previewBatch = (request: BatchRequest) => call<BatchPreview>("enterprises_batch_preview", { request });
/** Makes the batch edit in one transaction; the result's `batch_id` undoes it. */
export const applyBatch = (request: BatchRequest) => call<BatchPreview>("enterprises_batch_apply", { request });
export const listBatches = () => call<BatchRecord[]>("enterprises_batches");
/** Undoes a batch edit as one unit; fields changed again since are kept. */
export const undoBatch = (id: number) => call<BatchUndoReport>("enterprises_batch_undo", { id });
