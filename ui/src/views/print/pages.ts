// Page geometry of the printed sheets: A4 portrait or landscape with the GB/T 9704 margins, the
// text block and where the page number sits. PrintSheet draws every page at exactly this size, on
// screen and in print, and the Rust print command sets the same paper and orientation.
import type { Part } from "../../utils/paginate";

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageGeometry {
  landscape: boolean;
  /** Paper size, mm. */
  width: number;
  height: number;
  /** Paper edge to text block, mm. */
  margin: Margins;
  /** The text block (版心), mm. */
  bodyWidth: number;
  bodyHeight: number;
  /** From the text block's lower edge down to the page number's line (GB/T 9704: 7 mm). */
  footerGap: number;
}

/** CSS px per mm (CSS fixes 96 px to the inch). */
export const PX_PER_MM = 96 / 25.4;

const A4 = { short: 210, long: 297 };
/** GB/T 9704 for A4 portrait: top 37, bottom 35, left (binding) 28, right 26 → 156 × 225 mm. */
const PORTRAIT: Margins = { top: 37, right: 26, bottom: 35, left: 28 };
/** Landscape: the portrait page turned a quarter clockwise, its binding edge on top → 225 × 156 mm. */
const LANDSCAPE: Margins = { top: PORTRAIT.left, right: PORTRAIT.top, bottom: PORTRAIT.right, left: PORTRAIT.bottom };

export function pageGeometry(landscape: boolean): PageGeometry {
  const margin = landscape ? LANDSCAPE : PORTRAIT;
  const width = landscape ? A4.long : A4.short;
  const height = landscape ? A4.short : A4.long;
  return {
    landscape,
    width,
    height,
    margin,
    bodyWidth: width - margin.left - margin.right,
    bodyHeight: height - margin.top - margin.bottom,
    footerGap: 7,
  };
}

/** The document's @page rule: the paper and no margins of the engine's own, since every sheet
 *  carries its margins itself (Chromium and WebView2 honour it; WebKitGTK gets the same from Rust). */
export const pageRule = (g: PageGeometry) => `@page { size: ${g.width}mm ${g.height}mm; margin: 0; }`;

/** The text block's height in CSS px: what the rows of one page may fill. */
export const bodyHeightPx = (g: PageGeometry) => g.bodyHeight * PX_PER_MM;

/** One part of a print document as a view declares it (PrintSheet measures its height). */
export interface PrintPart extends Omit<Part, "height"> {
  key: string;
}
