/** Dates and numbers for the active language, always through Intl. */
import type { Lang } from '$lib/api';

const tags: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

/** The BCP 47 tag Intl uses for a language. */
export function localeTag(lang: Lang): string {
	return tags[lang];
}

/** Formatters made once per language and kind: making one costs far more than using it
 * (a list of 200 agenda items spent most of its first drawing making formatters). */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The formatter kept under `id`, made by `make` the first time. */
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(id: string, make: () => T): T {
	let made = formatters.get(id) as T | undefined;
	if (!made) {
		made = make();
		formatters.set(id, made);
	}
	return made;
}

function numberFormat(
	key: string,
	lang: Lang,
	options?: Intl.NumberFormatOptions
): Intl.NumberFormat {
	return cached(`n:${key}:${lang}`, () => new Intl.NumberFormat(localeTag(lang), options));
}

/** A date formatter for `lang`, made once per `key` (which names the options). */
export function dateFormat(
	key: string,
	lang: Lang,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	return cached(`d:${key}:${lang}`, () => new Intl.DateTimeFormat(localeTag(lang), options));
}

export function formatNumber(value: number, lang: Lang): string {
	return numberFormat('plain', lang).format(value);
}

/** A number with exactly `digits` decimals: 4,3 / 4.3. */
export function formatDecimal(value: number, digits: number, lang: Lang): string {
	return numberFormat(`decimal${digits}`, lang, {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}

/** A share 0–1 as a whole percentage: 0.456 → 46 %. */
export function formatPercent(share: number, lang: Lang): string {
	return numberFormat('percent', lang, {
		style: 'percent',
		maximumFractionDigits: 0
	}).format(share);
}

/** A calendar date given as `YYYY-MM-DD`, e.g. 14.03.1961 or 14/03/1961. */
export function formatDate(isoDate: string, lang: Lang): string {
	// Read as UTC midnight and format in UTC, so no time zone shifts the day.
	const date = new Date(`${isoDate}T00:00:00Z`);
	return dateFormat('date', lang, {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}

/** A date as the birthday field accepts it back: always DD.MM.YYYY. */
export function formatDateForInput(isoDate: string): string {
	return formatDate(isoDate, 'de');
}

/** A moment in time, in the user's time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
	return dateFormat('dateTime', lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
		new Date(iso)
	);
}

/** An amount of integer cents in euros, e.g. 1.234,56 €. */
export function formatMoney(cents: number, lang: Lang): string {
	return numberFormat('money', lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Today as the date fields accept it: DD.MM.YYYY, in the user's time zone. */
export function todayForInput(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('de-DE', {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(now);
}

/** Now as the date-time fields accept it: DD.MM.YYYY HH:MM, in the user's time zone. */
export function nowForInput(now: Date = new Date()): string {
	const time = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' }).format(now);
	return `${todayForInput(now)} ${time}`;
}
