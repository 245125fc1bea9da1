// 特色产业集群 calls: the list (and the bin), the cluster page, add, rename, county, delete,
// restore, and the 一群一策 plan with its Word export.
import { call } from "./backend";
import type { Cluster } from "../bindings/Cluster";
import type { ClusterOverview } from "../bindings/ClusterOverview";
import type { ClusterPlan } from "../bindings/ClusterPlan";
import type { ClusterPlanBody } from "../bindings/ClusterPlanBody";

export const listClusterRecords = (deleted: boolean) => call<Cluster[]>("clusters_list", { deleted });
export const clusterOverview = (id: number) => call<ClusterOverview>("clusters_overview", { id });
export const addCluster = (name: string, county: string | null) => call<Cluster>("clusters_add", { name, county });
export const renameCluster = (id: number, name: string) => call<Cluster>("clusters_rename", { id, name });
export const setClusterCounty = (id: number, county: string | null) => call<Cluster>("clusters_set_county", { id, county });
export const deleteCluster = (id: number) => call<Cluster>("clusters_delete", { id });
export const restoreCluster = (id: number) => call<Cluster>("clusters_restore", { id });
export const clusterPlan = (id: number) => call<ClusterPlan>("clusters_plan", { id });
export const saveClusterPlan = (id: number, body: ClusterPlanBody) => call<ClusterPlan>("clusters_plan_save", { id, body });
export const exportClusterPlan = (id: number, path: string) => call<void>("clusters_plan_export", { id, path });
