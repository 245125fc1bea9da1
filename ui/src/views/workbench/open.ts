// Where a 工作台 item opens: the route of the page to act on (the measure's progress drawer, the
// problem's drawer, the import's record, the enterprise's page, the list's page).
import type { RouteLocationRaw } from "vue-router";
import type { Opens } from "../../bindings/Opens";

export function routeOf(o: Opens): RouteLocationRaw {
  switch (o.page) {
    case "measure":
      return { path: "/tasks", query: { task: String(o.task_id), unit: o.unit } };
    case "problem":
      return { path: "/ledger", query: { problem: String(o.problem_id) } };
    case "import":
      return { path: "/imports", query: { import: String(o.import_id) } };
    case "enterprise":
      return { path: `/enterprises/${o.enterprise_id}` };
    case "list":
      return { path: `/lists/${o.list}` };
  }
}
