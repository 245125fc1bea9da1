// Reference lists for drop-downs.
import { call } from "./backend";
import type { County } from "../bindings/County";

export const listCounties = () => call<County[]>("reference_counties");
export const listClusters = () => call<string[]>("reference_clusters");
