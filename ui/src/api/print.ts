// Printing the open print view through the webview's own print path, with the paper (A4) and the
// orientation set by the app: the system print dialog (打印), or straight to a PDF file (导出 PDF).
import { call } from "./backend";

/** Opens the print dialog; true when the pages went to a printer, false when the user cancelled. */
export const printPages = (landscape: boolean) => call<boolean>("print_current", { landscape, pdf: null });

/** Writes the pages to the PDF file `pdf` without a dialog. */
export const exportPagesPdf = (landscape: boolean, pdf: string) => call<boolean>("print_current", { landscape, pdf });
