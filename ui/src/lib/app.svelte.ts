/** The app status from the backend (version, database, language), shared by all screens. */
import type { AppStatus } from '$lib/api';
import { i18n } from '$lib/i18n/index.svelte';

let status = $state<AppStatus | null>(null);

export const app = {
	get status(): AppStatus | null {
		return status;
	},
	set(next: AppStatus) {
		status = next;
		i18n.set(next.effectiveLanguage);
	}
};
