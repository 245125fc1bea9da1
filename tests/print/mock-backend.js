// Stands in for the Tauri backend when the built UI is opened in a plain browser to check the
// print layout: answers the few commands the print view calls from fixture.js (tasks read from
// the real store by the CLI, plus sample progress records and the current work plan).
(() => {
  const fx = window.__PRINT_FIXTURE__;
  const commands = {
    app_info: () => ({ version: "print-check", db_path: "", e2e: false }),
    tasks_list: () => fx.tasks,
    tasks_progress_list: ({ query }) =>
      fx.progress.filter((p) => (!query.unit || p.unit === query.unit) && (!query.period || p.period === query.period) && (!query.task_id || p.task_id === query.task_id)),
    tasks_board: () => fx.progress.map((p) => ({ task_id: p.task_id, unit: p.unit, is_county: p.unit.endsWith("县") || p.unit.endsWith("区"), latest: p })),
    tasks_county_government: ({ county }) => fx.governments[county],
    work_plans_current: () => fx.plan,
    work_plans_list: () => [fx.plan],
  };
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    transformCallback: () => 0,
    invoke: async (cmd, args) => (commands[cmd] ? commands[cmd](args ?? {}) : null),
  };
})();
