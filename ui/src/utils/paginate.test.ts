// The pagination rules: order kept, nothing lost, pages never over-full, headers counted on every
// page, action rows and headings never alone at a page's foot, forced breaks, over-tall parts.
import { describe, expect, it } from "vitest";
import { paginate, segments, type Part } from "./paginate";

const row = (height: number, extra: Partial<Part> = {}): Part => ({ height, table: "t", ...extra });
const block = (height: number, extra: Partial<Part> = {}): Part => ({ height, ...extra });

/** Height of a page as laid out: its parts plus one header per table segment. */
function pageHeight(parts: Part[], page: number[], headers: Record<string, number>): number {
  return segments(parts, page).reduce(
    (sum, s) => sum + (s.kind === "block" ? parts[s.part].height : headers[s.table] + s.parts.reduce((a, k) => a + parts[k].height, 0)),
    0,
  );
}

/** The 市级任务分工表's shape: a title, then six actions of three or four measures each. */
function cityTable(): Part[] {
  const parts: Part[] = [block(20, { keepWithNext: true })];
  [4, 3, 4, 3, 4, 3].forEach((measures, a) => {
    parts.push(row(8, { keepWithNext: true }));
    for (let m = 0; m < measures; m++) parts.push(row(15 + ((a * 7 + m * 11) % 23)));
  });
  return parts;
}

describe("paginate", () => {
  it("keeps every part once, in order", () => {
    const parts = cityTable();
    const { pages } = paginate(parts, { t: 12 }, 150);
    expect(pages.flat()).toEqual(parts.map((_, i) => i));
    expect(pages.every((p) => p.length > 0)).toBe(true);
  });

  it("never fills a page past its height, counting the repeated header", () => {
    const parts = cityTable();
    const headers = { t: 12 };
    const { pages, overflow } = paginate(parts, headers, 150);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(pageHeight(parts, p, headers)).toBeLessThanOrEqual(150);
    expect(overflow).toEqual([]);
  });

  it("starts a new page when the next row and the header do not fit", () => {
    // 10 + 30 + 30 = 70 on page 1; the third row needs 30 more: page 2, again under the header.
    const { pages } = paginate([row(30), row(30), row(30)], { t: 10 }, 75);
    expect(pages).toEqual([[0, 1], [2]]);
  });

  it("never leaves a keep-with-next row last on a page", () => {
    const parts = cityTable();
    const { pages } = paginate(parts, { t: 12 }, 150);
    for (const p of pages) expect(parts[p[p.length - 1]].keepWithNext ?? false).toBe(false);
  });

  it("moves an action row to the next page with its first measure", () => {
    // The action row (8) would fit after two measures (10 + 25 + 25 + 8 = 68 ≤ 70), its measure would not.
    const parts = [row(25), row(25), row(8, { keepWithNext: true }), row(25)];
    expect(paginate(parts, { t: 10 }, 70).pages).toEqual([[0, 1], [2, 3]]);
  });

  it("keeps a chain of keep-with-next parts with the part after them", () => {
    const parts = [block(40), block(10, { keepWithNext: true }), row(5, { keepWithNext: true }), row(20)];
    // heading 10 + header 5 + action 5 + row 20 = 40 > 60 − 40: all four go on page 2.
    expect(paginate(parts, { t: 5 }, 60).pages).toEqual([[0], [1, 2, 3]]);
  });

  it("breaks before a part marked breakBefore, but not on an empty page", () => {
    const parts = [block(5), row(5), block(5, { breakBefore: true }), row(5, { table: "u" })];
    expect(paginate(parts, { t: 1, u: 1 }, 100).pages).toEqual([[0, 1], [2, 3]]);
    expect(paginate([block(5, { breakBefore: true }), block(5)], {}, 100).pages).toEqual([[0, 1]]);
  });

  it("puts a part taller than a page alone on its page and reports it", () => {
    const { pages, overflow } = paginate([row(10), row(200), row(10)], { t: 5 }, 100);
    expect(pages).toEqual([[0], [1], [2]]);
    expect(overflow).toEqual([1]);
  });

  it("lays out an empty document as one empty page", () => {
    expect(paginate([], {}, 100)).toEqual({ pages: [[]], overflow: [] });
  });
});

describe("segments", () => {
  it("groups a page's consecutive rows of one table under one header", () => {
    const parts = [block(1), row(1), row(1), block(1), row(1, { table: "u" }), row(1, { table: "u" })];
    expect(segments(parts, [0, 1, 2, 3, 4, 5])).toEqual([
      { kind: "block", part: 0 },
      { kind: "table", table: "t", parts: [1, 2] },
      { kind: "block", part: 3 },
      { kind: "table", table: "u", parts: [4, 5] },
    ]);
  });
});
