// A plan's measures and indicators as the 工作方案 editors show and send them: a measure's short
// label (“2.3 开展产融对接…”), the 措施 form filled from a stored measure, and an indicator's
// targets as one text per year for the 指标 inputs (and back).
import type { Task } from "../../bindings/Task";
import type { MeasureInput } from "../../bindings/MeasureInput";
import type { PlanIndicator } from "../../bindings/PlanIndicator";
import type { IndicatorInput } from "../../bindings/IndicatorInput";

/** “X.Y 内容…”: the measure's number and its content cut to `max` characters. */
export function measureLabel(t: Pick<Task, "action_no" | "measure_no" | "content">, max = 24): string {
  const text = t.content.replace(/\s+/g, "");
  const chars = Array.from(text);
  return `${t.action_no}.${t.measure_no} ${chars.length > max ? chars.slice(0, max).join("") + "…" : text}`;
}

/** The 措施 form for a stored measure (lead unit first, the rest as co-units). */
export function measureForm(t: Task): MeasureInput {
  return {
    action_no: t.action_no,
    action: t.action,
    measure_no: t.measure_no,
    title: t.title,
    content: t.content,
    lead_unit: t.units[0] ?? t.lead_unit,
    co_units: t.units.slice(1),
    deadline: t.deadline,
    deadline_note: t.deadline_note,
    quantities: t.quantities.map((q) => ({ ...q })),
  };
}

/** A blank 措施 form for a new measure after the last one of the plan's last action. */
export function newMeasureForm(tasks: Task[]): MeasureInput {
  const last = tasks.reduce<Task | null>((a, t) => (!a || t.action_no > a.action_no || (t.action_no === a.action_no && t.measure_no > a.measure_no) ? t : a), null);
  return {
    action_no: last?.action_no ?? 1,
    action: last?.action ?? "",
    measure_no: (last?.measure_no ?? 0) + 1,
    title: "",
    content: "",
    lead_unit: "",
    co_units: [],
    deadline: "每年",
    deadline_note: "",
    quantities: [],
  };
}

/** The 指标 row as edited: every target as text, one per plan year. */
export interface IndicatorForm {
  name: string;
  unit: string;
  computed: boolean;
  per_year: boolean;
  yearly_target: string;
  years: Record<number, string>;
  note: string;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function indicatorForm(i: PlanIndicator | null, years: number[]): IndicatorForm {
  const byYear: Record<number, string> = {};
  for (const y of years) byYear[y] = num(i?.targets.find((t) => t.year === y)?.target);
  return {
    name: i?.name ?? "",
    unit: i?.unit ?? "家",
    computed: i?.computed ?? false,
    per_year: i?.per_year ?? false,
    yearly_target: num(i?.yearly_target),
    years: byYear,
    note: i?.note ?? "",
  };
}

/** What the backend takes: blank years are sent too (they remove that year's target). */
export function indicatorInput(f: IndicatorForm): IndicatorInput {
  return {
    name: f.name,
    unit: f.unit,
    computed: f.computed,
    per_year: f.per_year,
    yearly_target: f.per_year ? f.yearly_target.trim() : "",
    targets: Object.entries(f.years).map(([year, target]) => ({ year: Number(year), target: target.trim() })),
    note: f.note,
  };
}
