import { toast } from 'svelte-sonner';
import { i18n } from '$lib/i18n/index.svelte';

/** How long an "Undo" toast stays: long enough to read the message, notice the mistake and
 * reach the button (sonner's default of 4 s is for plain notices). Hovering pauses it. */
export const UNDO_LIFETIME_MS = 10_000;

/** Says what was just removed, with a "Rückgängig" button that calls `onUndo`. */
export function undoToast(message: string, onUndo: () => unknown) {
	toast(message, {
		duration: UNDO_LIFETIME_MS,
		action: { label: i18n.t.common.undo, onClick: () => void onUndo() }
	});
}
