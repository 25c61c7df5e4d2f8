/** The document the print preview shows: set by the screen that prints, then the preview
 * opens (`openPrint`). Kept here, not in the address, so a filter of any size travels. */
import { goto } from '$app/navigation';
import { api, type LabelSource, type PaperDocument } from '$lib/api';
import { paths } from '$lib/paths';

export const printState = $state<{ document: PaperDocument | null }>({ document: null });

/** Opens the print preview of `document`. */
export function openPrint(document: PaperDocument) {
	printState.document = document;
	return goto(paths.print());
}

/** Opens the preview of address labels for `source` on the sheet the shop last used. */
export async function openLabels(source: LabelSource) {
	const sheet = await api.labelSheet();
	return openPrint({ kind: 'labels', source, sheet });
}
