// 名单 calls: a list's members (now or on a date), its history of joins and leaves, its official sheet.
import { call } from "./backend";
import type { ListKind } from "../bindings/ListKind";
import type { ListMember } from "../bindings/ListMember";
import type { ListEvent } from "../bindings/ListEvent";

export const listMembers = (list: ListKind, on: string | null) => call<ListMember[]>("lists_members", { list, on });
export const listHistory = (list: ListKind, enterpriseId: number | null) => call<ListEvent[]>("lists_history", { list, enterpriseId });
export const exportList = (list: ListKind, path: string) => call<number>("lists_export", { list, path });
