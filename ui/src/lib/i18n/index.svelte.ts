/**
 * The active language and its texts. The backend decides the language at start (stored
 * choice or the system's locale) and reports it in the app status; the settings page can
 * change it. Components read `i18n.t` and re-render when the language changes.
 */
import type { Lang } from '$lib/api';
import { de, type Messages } from './de';
import { en } from './en';

const dictionaries: Record<Lang, Messages> = { de, en };

let current = $state<Lang>('de');

export const i18n = {
	get lang(): Lang {
		return current;
	},
	get t(): Messages {
		return dictionaries[current];
	},
	/** One language's texts regardless of the active one (the kiosk asks the customer). */
	dictionary(lang: Lang): Messages {
		return dictionaries[lang];
	},
	set(lang: Lang) {
		current = lang;
		if (typeof document !== 'undefined') document.documentElement.lang = lang;
	}
};

export type { Messages };
