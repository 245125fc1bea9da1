// Task-assignment table calls.
import { call } from "./backend";
import type { Task } from "../bindings/Task";

export const listTasks = () => call<Task[]>("tasks_list");
