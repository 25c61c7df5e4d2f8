/** Paper: documents as PDF from the core — preview, save, print. */
import { commands } from './bindings';
import { unwrap } from './call';
import type { ChartFormat, PaperDocument, ShopChart } from './types';

export const paperApi = {
	/** The document as PDF (base64) and the name a saved copy gets. */
	paperPreview: (document: PaperDocument) => unwrap(commands.paperPreview(document)),
	/** Saves the PDF through the native save dialog; the path, or null when cancelled. */
	paperSave: (document: PaperDocument) => unwrap(commands.paperSave(document)),
	/** Hands the PDF to the system's PDF viewer to print it; the file's path. */
	paperPrint: (document: PaperDocument) => unwrap(commands.paperPrint(document)),
	/** Saves any chart of the app as PNG or SVG through the native dialog; the path or null. */
	saveChart: (chart: ShopChart, format: ChartFormat) => unwrap(commands.chartSave(chart, format))
};
