/** German texts: the product's first language and the shape every other language follows. */
export const de = {
	appName: 'Stammkunde',
	nav: {
		label: 'Bereiche',
		customers: 'Kunden',
		settings: 'Einstellungen'
	},
	common: {
		save: 'Speichern',
		cancel: 'Abbrechen',
		close: 'Schließen',
		edit: 'Bearbeiten',
		back: 'Zurück',
		loading: 'Wird geladen …',
		saving: 'Wird gespeichert …',
		undo: 'Rückgängig',
		retry: 'Erneut versuchen',
		error: 'Fehler'
	},
	startup: {
		dbErrorTitle: 'Die Datenbank kann nicht geöffnet werden',
		dbFile: 'Datei'
	},
	customers: {
		title: 'Kunden',
		count: (n: string) => `${n} Kunden`,
		countOne: '1 Kunde',
		new: 'Neuer Kunde',
		newTitle: 'Neuen Kunden anlegen',
		editTitle: 'Kunden bearbeiten',
		empty: 'Noch keine Kunden.',
		emptyHint: 'Legen Sie den ersten Kunden an – mit Namen, Adresse und Geburtstag.',
		demo: 'Mit Beispieldaten ausprobieren',
		demoHint:
			'Ein erfundenes Fachgeschäft mit 300 Kunden und fünf Jahren Käufen – zum Kennenlernen.',
		demoLoaded: (customers: string, purchases: string) =>
			`${customers} Beispielkunden mit ${purchases} Käufen geladen.`,
		loadMore: 'Weitere laden',
		print: 'Drucken',
		printFilter: (query: string) => `Suche: „${query}“`,
		printAll: 'Alle Kunden',
		printStand: (date: string) => `Stand ${date}`,
		search: 'Kunden suchen',
		searchPlaceholder: 'Name, Ort, Telefon, Nummer, Notiz …  (Strg+K)',
		matches: (n: string) => `${n} Treffer`,
		matchesTop: (shown: string, total: string) => `Die besten ${shown} von ${total} Treffern`,
		noMatches: (query: string) => `Keine Kunden gefunden für „${query}“.`,
		columns: {
			number: 'Nr.',
			name: 'Name',
			city: 'Ort',
			phone: 'Telefon',
			email: 'E-Mail'
		},
		kind: { person: 'Privatperson', firm: 'Firma' },
		fields: {
			kind: 'Art',
			number: 'Kundennummer',
			numberHint: 'Leer lassen für die nächste freie Nummer.',
			firmName: 'Firma',
			firstName: 'Vorname',
			lastName: 'Nachname',
			street: 'Straße und Hausnummer',
			postalCode: 'PLZ',
			city: 'Ort',
			country: 'Land',
			countryHint: 'Zweibuchstabig, z. B. DE, AT, CH. Leer: Deutschland.',
			phone: 'Telefon',
			email: 'E-Mail',
			birthday: 'Geburtstag',
			birthdayHint: 'TT.MM.JJJJ',
			notes: 'Notizen'
		},
		facts: {
			address: 'Adresse',
			contact: 'Kontakt',
			birthday: 'Geburtstag',
			notes: 'Notizen',
			verified: 'Daten zuletzt geprüft',
			neverVerified: 'Noch nie geprüft',
			verificationDue: 'Prüfung fällig',
			created: 'Angelegt',
			updated: 'Geändert',
			none: '–'
		},
		created: (name: string) => `${name} wurde angelegt.`,
		markVerified: 'Daten geprüft',
		verifiedSaved: 'Als geprüft vermerkt.',
		saved: 'Änderungen gespeichert.',
		trash: 'In den Papierkorb',
		trashed: (name: string) => `${name} liegt im Papierkorb.`,
		inTrash: 'Dieser Kunde liegt im Papierkorb.',
		restore: 'Wiederherstellen',
		restored: (name: string) => `${name} ist wiederhergestellt.`,
		formErrors: 'Bitte die markierten Felder prüfen.'
	},
	timeline: {
		title: 'Verlauf',
		empty: 'Noch keine Käufe oder Kontakte. Erfassen Sie oben den ersten.',
		loadMore: 'Ältere laden',
		entryKinds: 'Was erfassen?',
		logPurchase: 'Kauf erfassen',
		logInteraction: 'Kontakt erfassen',
		purchase: 'Kauf',
		discount: (amount: string) => `Rabatt ${amount}`,
		quantity: (n: string) => `${n} Stück`,
		complaint: 'Reklamation',
		due: (date: string) => `fällig am ${date}`,
		purchaseSaved: 'Kauf erfasst.',
		interactionSaved: 'Kontakt erfasst.',
		fields: {
			date: 'Datum',
			amount: 'Betrag in €',
			amountHint: 'z. B. 49,90',
			discount: 'Rabatt in €',
			product: 'Produkt oder Warengruppe',
			quantity: 'Menge',
			note: 'Notiz',
			at: 'Zeitpunkt',
			atHint: 'TT.MM.JJJJ HH:MM',
			channel: 'Weg',
			direction: 'Richtung',
			summary: 'Worum ging es?',
			outcome: 'Ergebnis',
			nextStep: 'Nächster Schritt',
			nextStepDue: 'Fällig am',
			complaint: 'Reklamation'
		},
		channels: {
			phone: 'Anruf',
			visit: 'Besuch',
			email: 'E-Mail',
			letter: 'Brief',
			messenger: 'Messenger',
			social: 'Soziales Netzwerk',
			event: 'Veranstaltung',
			other: 'Sonstiges'
		},
		directions: { inbound: 'Der Kunde hat sich gemeldet', outbound: 'Wir haben uns gemeldet' },
		directionsShort: { inbound: 'vom Kunden', outbound: 'von uns' }
	},
	contacts: {
		title: 'Ansprechpartner',
		add: 'Hinzufügen',
		empty: 'Noch keine Ansprechpartner.',
		remove: 'Entfernen',
		saved: (name: string) => `${name} gespeichert.`,
		removed: (name: string) => `${name} entfernt.`,
		birthday: (date: string) => `Geburtstag ${date}`,
		fields: {
			name: 'Name',
			role: 'Funktion',
			roleHint: 'z. B. Einkauf, Technik, Geschäftsführung',
			phone: 'Telefon',
			email: 'E-Mail',
			birthday: 'Geburtstag',
			notes: 'Notizen'
		}
	},
	trash: {
		title: 'Papierkorb',
		hint: 'Kunden im Papierkorb erscheinen nicht in Listen und Suchen. Sie lassen sich jederzeit wiederherstellen.',
		empty: 'Der Papierkorb ist leer.',
		trashedAt: 'In den Papierkorb gelegt',
		restore: 'Wiederherstellen'
	},
	settings: {
		title: 'Einstellungen',
		language: 'Sprache',
		languageSystem: (locale: string) => `Wie das System (${locale})`,
		languageDe: 'Deutsch',
		languageEn: 'English',
		database: 'Datenbank',
		databaseHint: 'Alle Daten liegen in dieser Datei auf diesem Rechner.',
		version: 'Version'
	}
};

type Widen<T> = T extends string
	? string
	: T extends (...args: infer A) => string
		? (...args: A) => string
		: { [K in keyof T]: Widen<T[K]> };

/** The shape every language must fill completely. */
export type Messages = Widen<typeof de>;
