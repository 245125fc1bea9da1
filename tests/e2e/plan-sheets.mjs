// The sheets of a second work plan for the e2e tests, in the layout crates/cli/tests/work_plans.rs
// writes: a task-assignment table of 5 actions × 2 measures (Handan's 领跑者 plan, 2023—2027) and
// its indicator sheet in the app's template columns (one target not a number, warned of). Written as web tables saved as .xls (the form
// web systems export, which the app's sheet reader takes like a workbook).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const HANDAN = {
  title: "邯郸市“领跑者”企业培育行动方案",
  issuer: "邯郸市工业和信息化局",
  start: 2023,
  end: 2027,
  actions: ["梯度培育行动", "创新提升行动", "数字赋能行动", "市场拓展行动", "要素保障行动"],
  indicators: [
    ["1", "专精特新“小巨人”企业数", "家", "企业库计算", "累计或比率", "", "40", "60", ""],
    ["2", "新培育“专精特新”中小企业", "家", "企业库计算", "每年新增", "80", "", "", ""],
    ["3", "省级单项冠军企业", "家", "人工填报", "累计或比率", "", "", "5", "邯郸方案"],
    // A target that is not a number: imported without a target, with a warning naming the cell.
    ["4", "省级绿色工厂", "家", "人工填报", "累计或比率", "", "", "约十个", ""],
  ],
};

const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
const page = (rows) =>
  `<html><head><meta charset="utf-8"></head><body><table>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("\n")}\n</table></body></html>\n`;

/** The measure text of action `a` (0-based), measure `m` (1-based). */
export const measureText = (a, m) => `${HANDAN.actions[a]}第${m}项措施。每年培育${10 * (a + 1) + m}家企业，推动企业提质增效。`;

/** Writes the task table and the indicator sheet into `dir`; returns their paths. */
export function writeHandanSheets(dir) {
  const rows = [["邯郸市“领跑者”企业培育行动方案任务分工"], ["序号", "工作措施", "牵头单位", "配合单位", "完成时限"]];
  HANDAN.actions.forEach((action, a) => {
    rows.push([`${"一二三四五"[a]}、${action}`]);
    for (const m of [1, 2]) rows.push([String(m), measureText(a, m), "市工业和信息化局", "市科技局、市财政局", m === 1 ? "每年" : "2027年底"]);
  });
  const tasks = join(dir, "邯郸市领跑者任务分工表.xls");
  writeFileSync(tasks, page(rows));
  const indicators = join(dir, "邯郸市领跑者指标表.xls");
  writeFileSync(indicators, page([["序号", "指标", "单位", "类型", "口径", "每年目标", "2025年目标", "2027年目标", "说明"], ...HANDAN.indicators]));
  return { tasks, indicators };
}
