// Measures a print document drawn unpaginated at the text block's width: each part's height and
// each table's header height, in CSS px, as utils/paginate.ts needs them. Row groups are measured
// from one group's top to the next, so shared (collapsed) borders are counted once.

export interface Measured {
  parts: number[];
  headers: Record<string, number>;
}

/** Reads the heights of the `[data-part]` elements under `root` (blocks, and tbody row groups of
 *  `table[data-table]`); `count` is the number of parts. */
export function measureParts(root: HTMLElement, count: number): Measured {
  const parts = new Array<number>(count).fill(0);
  const headers: Record<string, number> = {};
  const index = (el: Element) => Number((el as HTMLElement).dataset.part);
  for (const el of root.querySelectorAll(":scope > [data-part]")) parts[index(el)] = el.getBoundingClientRect().height;
  for (const table of root.querySelectorAll<HTMLTableElement>("table[data-table]")) {
    const box = table.getBoundingClientRect();
    const groups = [...table.querySelectorAll(":scope > tbody[data-part]")];
    const tops = groups.map((g) => g.getBoundingClientRect().top);
    headers[table.dataset.table!] = (tops[0] ?? box.bottom) - box.top;
    groups.forEach((g, i) => (parts[index(g)] = (tops[i + 1] ?? box.bottom) - tops[i]));
  }
  return { parts, headers };
}
