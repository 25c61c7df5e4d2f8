/**
 * The start screen's agenda, asked for as soon as the app's script runs rather than once
 * the layout has the app status and the page is mounted: the backend has been making it
 * since the process started (`AppState::first_agenda`), and the round trips before the
 * page would ask are spent waiting for it instead. Only the first load of the agenda page
 * takes it; a failure (a locked app, a damaged file) leaves the page to ask as usual.
 */
import { api, type Agenda } from '$lib/api';

/** The start screen's length (`FIRST_AGENDA_LIMIT` in src-tauri/src/state.rs). */
export const AGENDA_LIMIT = 200;

let pending: Promise<Agenda | null> | null = null;

export const firstAgenda = {
	/** Asks for the start screen's agenda now. */
	ask() {
		pending = api.agenda(AGENDA_LIMIT).catch(() => null);
	},
	/** The agenda asked for at start, once; `null` when there is none (or it failed). */
	async take(): Promise<Agenda | null> {
		const asked = pending;
		pending = null;
		return asked ? await asked : null;
	}
};
