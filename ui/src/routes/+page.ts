import { redirect } from '@sveltejs/kit';

// The agenda is the start screen: whom to contact today, and why.
export function load() {
	redirect(307, '/agenda');
}
