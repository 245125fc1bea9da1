// Splits a print document into pages before printing, so that every webview prints the same pages:
// parts (title, headings, notes, a table's row groups) of measured height go on pages in order; a
// table's rows on each page sit under that table's header, repeated; a part marked keepWithNext
// (an action row, a heading) is never the last thing on a page; a part that starts a new page does.

export interface Part {
  /** Height in any unit, the same as the page's and the headers'. */
  height: number;
  /** The table this row group belongs to; none for a block (title, heading, paragraph). */
  table?: string;
  /** Must share a page with the part after it (an action row before its first measure). */
  keepWithNext?: boolean;
  /** Starts a new page unless it is first on its page. */
  breakBefore?: boolean;
}

export interface Layout {
  /** The indexes of the parts on each page, in order; every part exactly once. */
  pages: number[][];
  /** Pages holding a part taller than a whole page (it cannot be split and will be cut off). */
  overflow: number[];
}

/** A page's parts as drawn: consecutive row groups of one table form one table with its header. */
export type Segment = { kind: "table"; table: string; parts: number[] } | { kind: "block"; part: number };

/** Lays `parts` on pages of height `pageHeight`; `headers` gives each table's header height. */
export function paginate(parts: Part[], headers: Record<string, number>, pageHeight: number): Layout {
  const pages: number[][] = [[]];
  const overflow = new Set<number>();
  let used = 0;
  const page = () => pages[pages.length - 1];
  const lastOnPage = () => page()[page().length - 1] as number | undefined;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  /** Height part `k` adds after part `prev` (undefined: first on its page): a new table segment brings its header. */
  const cost = (k: number, prev: number | undefined) => {
    const { table, height } = parts[k];
    const opensTable = table !== undefined && (prev === undefined || parts[prev].table !== table);
    return height + (opensTable ? (headers[table] ?? 0) : 0);
  };
  const place = (k: number) => {
    if (parts[k].breakBefore && page().length) newPage();
    let c = cost(k, lastOnPage());
    if (used + c > pageHeight && page().length) {
      newPage();
      c = cost(k, undefined);
    }
    page().push(k);
    used += c;
    if (c > pageHeight) overflow.add(pages.length - 1);
  };

  for (let start = 0; start < parts.length; ) {
    // A run: the parts that must stay together, i.e. each keepWithNext part and the one after it.
    let end = start;
    while (end < parts.length - 1 && parts[end].keepWithNext) end++;
    if (parts[start].breakBefore && page().length) newPage();
    let run = 0;
    for (let k = start; k <= end; k++) run += cost(k, k === start ? lastOnPage() : k - 1);
    // Not room for the whole run: begin it on a new page (a run longer than a page still splits).
    if (used + run > pageHeight && page().length) newPage();
    for (let k = start; k <= end; k++) place(k);
    start = end + 1;
  }
  return { pages, overflow: [...overflow] };
}

/** The segments of one page: table runs (drawn with the table's header) and single blocks. */
export function segments(parts: Pick<Part, "table">[], page: number[]): Segment[] {
  const out: Segment[] = [];
  for (const k of page) {
    const table = parts[k].table;
    const last = out[out.length - 1] as Segment | undefined;
    if (table === undefined) out.push({ kind: "block", part: k });
    else if (last?.kind === "table" && last.table === table) last.parts.push(k);
    else out.push({ kind: "table", table, parts: [k] });
  }
  return out;
}
