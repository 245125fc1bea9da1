// Pure helpers of the 县区考核 page: the allocation table's rows and its draft (what was edited,
// the counties' sum and the check against the city's target) and how a score part is shown.
import type { Allocation } from "../../bindings/Allocation";
import type { AllocationCell } from "../../bindings/AllocationCell";
import type { AllocationIndicator } from "../../bindings/AllocationIndicator";
import type { ScorePart } from "../../bindings/ScorePart";

/** The targets being edited: indicator key → one target (or null) per county. */
export type Draft = Record<string, (number | null)[]>;

export const draftOf = (a: Allocation): Draft => Object.fromEntries(a.indicators.map((i) => [i.key, [...i.cells]]));

/** The cells the draft changes against what is stored, in table order. */
export function changedCells(a: Allocation, draft: Draft): AllocationCell[] {
  const out: AllocationCell[] = [];
  for (const ind of a.indicators) {
    a.counties.forEach((county, n) => {
      const now = draft[ind.key]?.[n] ?? null;
      if (now !== ind.cells[n]) out.push({ indicator: ind.key, county, target: now });
    });
  }
  return out;
}

/** The counties' sum of an indicator in the draft (rounded as Rust rounds it). */
export const draftSum = (cells: (number | null)[]) => Math.round(cells.reduce<number>((s, v) => s + (v ?? 0), 0) * 1e6) / 1e6;

/** 核对 of a column: the counties add up to the city's target (相符) or fall short (不足 n); — where
 *  there is nothing to check (a % indicator, or no city target). */
export function checkText(ind: AllocationIndicator, sum: number): string {
  if (!ind.summed || ind.city_target === null) return "—";
  const short = Math.round((ind.city_target - sum) * 1e6) / 1e6;
  return short <= 1e-9 ? "相符" : `不足 ${short}`;
}

/** A score part's figure: a share in percent, or the number of overdue problems. */
export const partValueText = (p: ScorePart) => (p.item === "ledger_overdue" ? `${p.value} 个` : `${p.value}%`);

/** Points with at most two decimals. */
export const pointsText = (v: number) => String(Math.round(v * 100) / 100);
