// 工作台 call: what needs doing this week for this installation's unit.
import { call } from "./backend";
import type { Workbench } from "../bindings/Workbench";

export const workbenchItems = () => call<Workbench>("workbench_items");
