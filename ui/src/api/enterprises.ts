// Enterprise pool calls.
import { call } from "./backend";
import type { EnterprisePage } from "../bindings/EnterprisePage";
import type { EnterpriseQuery } from "../bindings/EnterpriseQuery";

export const listEnterprises = (query: EnterpriseQuery) => call<EnterprisePage>("enterprises_list", { query });
