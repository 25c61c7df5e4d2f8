import { redirect } from '@sveltejs/kit';

// The customer list is the start screen until the agenda exists.
export function load() {
	redirect(307, '/customers');
}
