/** The app's screens as typed links, resolved by SvelteKit against its route table. */
import { resolve } from '$app/paths';

export const paths = {
	customers: () => resolve('/customers'),
	newCustomer: () => resolve('/customers/new'),
	trash: () => resolve('/customers/trash'),
	duplicates: () => resolve('/customers/duplicates'),
	importCustomers: () => resolve('/customers/import'),
	importPurchases: () => resolve('/customers/import/purchases'),
	merge: (survivor: number, merged: number) =>
		resolve('/customers/merge/[survivor]/[merged]', {
			survivor: String(survivor),
			merged: String(merged)
		}),
	customer: (id: number) => resolve('/customers/[id]', { id: String(id) }),
	editCustomer: (id: number) => resolve('/customers/[id]/edit', { id: String(id) }),
	value: () => resolve('/value'),
	agenda: () => resolve('/agenda'),
	warnings: () => resolve('/care/warnings'),
	lost: () => resolve('/care/lost'),
	plan: () => resolve('/care/plan'),
	greetings: () => resolve('/care/greetings'),
	complaints: () => resolve('/care/complaints'),
	counter: () => resolve('/loyalty'),
	rewards: () => resolve('/loyalty/rewards'),
	loyaltyReport: () => resolve('/loyalty/report'),
	loyaltySettings: () => resolve('/loyalty/settings'),
	loyaltyCard: (id: number) => resolve('/loyalty/card/[id]', { id: String(id) }),
	surveys: () => resolve('/surveys'),
	surveyTemplates: () => resolve('/surveys/templates'),
	surveyEdit: (id: number | 'new') => resolve('/surveys/templates/[id]', { id: String(id) }),
	kiosk: () => resolve('/surveys/kiosk'),
	/** The kiosk screen with a customer linked already. */
	kioskFor: (customer: number) =>
		resolve('/surveys/kiosk/[customer]', { customer: String(customer) }),
	visitFeedback: (id: number) => resolve('/customers/[id]/feedback', { id: String(id) }),
	settings: () => resolve('/settings'),
	audit: () => resolve('/settings/audit'),
	/** The print preview of the document in `printState` (lib/print.svelte.ts). */
	print: () => resolve('/print')
};
