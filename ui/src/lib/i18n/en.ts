import type { Messages } from './de';

/** English texts. */
export const en: Messages = {
	appName: 'Stammkunde',
	nav: {
		label: 'Areas',
		customers: 'Customers',
		settings: 'Settings'
	},
	common: {
		save: 'Save',
		cancel: 'Cancel',
		close: 'Close',
		edit: 'Edit',
		back: 'Back',
		loading: 'Loading …',
		saving: 'Saving …',
		undo: 'Undo',
		retry: 'Try again',
		error: 'Error'
	},
	startup: {
		dbErrorTitle: 'The database cannot be opened',
		dbFile: 'File'
	},
	customers: {
		title: 'Customers',
		count: (n: string) => `${n} customers`,
		countOne: '1 customer',
		new: 'New customer',
		newTitle: 'Create a customer',
		editTitle: 'Edit customer',
		empty: 'No customers yet.',
		emptyHint: 'Create the first customer – with name, address and birthday.',
		demo: 'Explore with demo data',
		demoHint:
			'A made-up specialist shop with 300 customers and five years of purchases – to get to know the app.',
		demoLoaded: (customers: string, purchases: string) =>
			`${customers} demo customers with ${purchases} purchases loaded.`,
		loadMore: 'Load more',
		print: 'Print',
		printFilter: (query: string) => `Search: “${query}”`,
		printAll: 'All customers',
		printStand: (date: string) => `As of ${date}`,
		search: 'Search customers',
		searchPlaceholder: 'Name, city, phone, number, note …  (Ctrl+K)',
		matches: (n: string) => `${n} matches`,
		matchesTop: (shown: string, total: string) => `The best ${shown} of ${total} matches`,
		noMatches: (query: string) => `No customers found for “${query}”.`,
		columns: {
			number: 'No.',
			name: 'Name',
			city: 'City',
			phone: 'Phone',
			email: 'E-mail'
		},
		kind: { person: 'Private person', firm: 'Company' },
		fields: {
			kind: 'Type',
			number: 'Customer number',
			numberHint: 'Leave empty for the next free number.',
			firmName: 'Company',
			firstName: 'First name',
			lastName: 'Last name',
			street: 'Street and number',
			postalCode: 'Postcode',
			city: 'City',
			country: 'Country',
			countryHint: 'Two letters, e.g. DE, AT, CH. Empty: Germany.',
			phone: 'Phone',
			email: 'E-mail',
			birthday: 'Birthday',
			birthdayHint: 'DD.MM.YYYY',
			notes: 'Notes'
		},
		facts: {
			address: 'Address',
			contact: 'Contact',
			birthday: 'Birthday',
			notes: 'Notes',
			verified: 'Data last checked',
			neverVerified: 'Never checked',
			verificationDue: 'Check due',
			created: 'Created',
			updated: 'Changed',
			none: '–'
		},
		created: (name: string) => `${name} was created.`,
		markVerified: 'Data checked',
		verifiedSaved: 'Marked as checked.',
		saved: 'Changes saved.',
		trash: 'Move to trash',
		trashed: (name: string) => `${name} is in the trash.`,
		inTrash: 'This customer is in the trash.',
		restore: 'Restore',
		restored: (name: string) => `${name} is restored.`,
		formErrors: 'Please check the marked fields.'
	},
	timeline: {
		title: 'History',
		empty: 'No purchases or contacts yet. Record the first one above.',
		loadMore: 'Load older',
		entryKinds: 'What to record?',
		logPurchase: 'Record a purchase',
		logInteraction: 'Record a contact',
		purchase: 'Purchase',
		discount: (amount: string) => `Discount ${amount}`,
		quantity: (n: string) => `${n} pcs.`,
		complaint: 'Complaint',
		due: (date: string) => `due ${date}`,
		purchaseSaved: 'Purchase recorded.',
		interactionSaved: 'Contact recorded.',
		fields: {
			date: 'Date',
			amount: 'Amount in €',
			amountHint: 'e.g. 49.90',
			discount: 'Discount in €',
			product: 'Product or category',
			quantity: 'Quantity',
			note: 'Note',
			at: 'Date and time',
			atHint: 'DD.MM.YYYY HH:MM',
			channel: 'Channel',
			direction: 'Direction',
			summary: 'What was it about?',
			outcome: 'Outcome',
			nextStep: 'Next step',
			nextStepDue: 'Due on',
			complaint: 'Complaint'
		},
		channels: {
			phone: 'Call',
			visit: 'Visit',
			email: 'E-mail',
			letter: 'Letter',
			messenger: 'Messenger',
			social: 'Social network',
			event: 'Event',
			other: 'Other'
		},
		directions: { inbound: 'The customer reached out', outbound: 'We reached out' },
		directionsShort: { inbound: 'from the customer', outbound: 'from us' }
	},
	contacts: {
		title: 'Contact persons',
		add: 'Add',
		empty: 'No contact persons yet.',
		remove: 'Remove',
		saved: (name: string) => `${name} saved.`,
		removed: (name: string) => `${name} removed.`,
		birthday: (date: string) => `Birthday ${date}`,
		fields: {
			name: 'Name',
			role: 'Role',
			roleHint: 'e.g. purchasing, technical, management',
			phone: 'Phone',
			email: 'E-mail',
			birthday: 'Birthday',
			notes: 'Notes'
		}
	},
	trash: {
		title: 'Trash',
		hint: 'Customers in the trash do not appear in lists or searches. They can be restored at any time.',
		empty: 'The trash is empty.',
		trashedAt: 'Moved to the trash',
		restore: 'Restore'
	},
	settings: {
		title: 'Settings',
		language: 'Language',
		languageSystem: (locale: string) => `Same as the system (${locale})`,
		languageDe: 'Deutsch',
		languageEn: 'English',
		database: 'Database',
		databaseHint: 'All data lives in this file on this computer.',
		version: 'Version'
	}
};
