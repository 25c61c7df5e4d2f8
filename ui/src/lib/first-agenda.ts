/**
 * The start screen's agenda, asked for as soon as the app's script runs rather than once
 * the layout has the app status and the page is mounted: the backend has been making it
 * since the process started (`AppState::first_agenda`), and the round trips before the
 * page would ask are spent waiting for it instead. Only the first load of the agenda page
 * takes it; a failure (a locked app, a damaged file) leaves the page to ask as usual.
 * The page also says when its first load is over (drawn or failed): the check of the file
 * at start waits for that, so that it does not take a core from the first drawing.
 */
import { api, type Agenda } from '$lib/api';

/** The start screen's length (`FIRST_AGENDA_LIMIT` in src-tauri/src/state.rs). */
export const AGENDA_LIMIT = 200;

/** How long the check at start waits for the first drawing at most (as the backend). */
const DRAWN_WAIT_MS = 3000;

let asked = false;
let pending: Promise<Agenda | null> | null = null;
let settle: () => void = () => {};
const settled = new Promise<void>((done) => (settle = done));

export const firstAgenda = {
	/** Asks for the start screen's agenda now. */
	ask() {
		asked = true;
		pending = api.agenda(AGENDA_LIMIT).catch(() => null);
	},
	/** The agenda asked for at start, once; `null` when there is none (or it failed). */
	async take(): Promise<Agenda | null> {
		const promise = pending;
		pending = null;
		return promise ? await promise : null;
	},
	/** The agenda page's first load is over: drawn, or failed. */
	over() {
		settle();
	},
	/** Resolves once the start screen's first load is over (at once when the app did not
	 * start on the agenda; after 3 s at most, as the backend's own wait). */
	async drawn(): Promise<void> {
		if (asked)
			await Promise.race([settled, new Promise((done) => setTimeout(done, DRAWN_WAIT_MS))]);
	}
};
