/**
 * Who works the app and the app lock, as the main window sees it: the access status from
 * the backend, the idle timer that locks after the minutes set, Ctrl+L. Locking hides this
 * window (its screen stays as it is) and opens the lock screen; the backend refuses every
 * other command until someone unlocks.
 */
import { toast } from 'svelte-sonner';
import { api, type AccessView } from '$lib/api';
import { errorMessage } from '$lib/errors';

let view = $state<AccessView | null>(null);
let timer: ReturnType<typeof setTimeout> | null = null;
let lastArmed = 0;

function clear() {
	if (timer) clearTimeout(timer);
	timer = null;
}

function arm() {
	clear();
	lastArmed = Date.now();
	const seconds = view?.idleSeconds ?? 0;
	if (seconds > 0) timer = setTimeout(() => void session.lock(), seconds * 1000);
}

export const session = {
	get view(): AccessView | null {
		return view;
	},
	/** Reads the status again (after start, unlock, a PIN or setting changed). */
	async refresh() {
		view = await api.accessStatus();
		arm();
	},
	/** A key or the mouse: the idle time starts again (at most every second). */
	activity() {
		if (Date.now() - lastArmed > 1000) arm();
	},
	/** Locks now. Where the app cannot lock (nobody has a PIN, the kiosk runs) the
	 * backend says why: shown when the user asked (Ctrl+L), silent for the idle timer. */
	async lock(asked = false) {
		clear();
		try {
			await api.lockApp();
		} catch (error) {
			if (asked) toast.error(errorMessage(error));
			arm();
		}
	}
};
