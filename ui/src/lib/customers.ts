/** Customer data between the backend's shapes and what the screens show and edit. */
import type { Customer, CustomerInput, Lang, PartialDate } from '$lib/api';
import { formatDateForInput, localeTag } from '$lib/i18n/format';

function two(n: number): string {
	return String(n).padStart(2, '0');
}

/** A birthday as the field accepts it back: 14.03.1961, or 14.03. without the year. */
export function partialDateForInput(date: PartialDate | null): string {
	if (!date) return '';
	const dayMonth = `${two(date.day)}.${two(date.month)}.`;
	return date.year == null ? dayMonth : `${dayMonth}${date.year}`;
}

/** A birthday for reading: "14. März 1961" / "14 March 1961", without the year if unknown. */
export function formatPartialDate(date: PartialDate, lang: Lang): string {
	// Any leap year holds 29 February; the year is only printed when known.
	const when = new Date(Date.UTC(date.year ?? 2000, date.month - 1, date.day));
	return new Intl.DateTimeFormat(localeTag(lang), {
		day: 'numeric',
		month: 'long',
		...(date.year == null ? {} : { year: 'numeric' }),
		timeZone: 'UTC'
	}).format(when);
}

/** Short weekday names, Monday first (index 0 = weekday 1). */
export function weekdayNames(lang: Lang): string[] {
	const format = new Intl.DateTimeFormat(localeTag(lang), { weekday: 'short', timeZone: 'UTC' });
	// 5 January 1970 was a Monday.
	return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(1970, 0, 5 + i))));
}

/** Month names, January first. */
export function monthNames(lang: Lang, width: 'long' | 'short' = 'long'): string[] {
	const format = new Intl.DateTimeFormat(localeTag(lang), { month: width, timeZone: 'UTC' });
	return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 1))));
}

/** Weekdays as a compact range list: [1,2,3,4,5] → "Mo–Fr", [1,3] → "Mo, Mi". */
export function formatWeekdays(days: number[], lang: Lang): string {
	const names = weekdayNames(lang);
	const sorted = [...days].sort((a, b) => a - b);
	const runs: number[][] = [];
	for (const day of sorted) {
		const run = runs.at(-1);
		if (run && run.at(-1) === day - 1) run.push(day);
		else runs.push([day]);
	}
	const name = (day: number) => names[day - 1] ?? String(day);
	return runs
		.map((run) =>
			run.length >= 3 ? `${name(run[0] ?? 1)}–${name(run.at(-1) ?? 1)}` : run.map(name).join(', ')
		)
		.join(', ');
}

/** Cents as the amount fields accept them back: 1.250.000,00. */
export function centsForInput(cents: number | null): string {
	if (cents == null) return '';
	return new Intl.NumberFormat('de-DE', {
		minimumFractionDigits: 2,
		maximumFractionDigits: 2
	}).format(cents / 100);
}

/** "VIP, Stammtisch , " → ["VIP", "Stammtisch"]. */
export function splitList(text: string): string[] {
	return text
		.split(/[,;\n]/)
		.map((word) => word.trim())
		.filter((word) => word.length > 0);
}

/** A stored customer as the edit form's starting point. */
export function customerToInput(c: Customer): CustomerInput {
	return {
		number: c.number,
		kind: c.kind,
		salutation: c.salutation,
		title: c.title,
		firstName: c.firstName,
		lastName: c.lastName,
		firmName: c.firmName,
		street: c.street,
		postalCode: c.postalCode,
		city: c.city,
		country: c.country,
		phone: c.phone,
		email: c.email,
		otherPhones: c.otherPhones.map((p) => ({ ...p })),
		otherEmails: c.otherEmails.map((e) => ({ ...e })),
		industry: c.industry,
		companySize: c.companySize == null ? '' : String(c.companySize),
		annualRevenue: centsForInput(c.annualRevenueCents),
		customerSince: c.customerSince ? formatDateForInput(c.customerSince) : '',
		employeeId: c.employeeId,
		tags: [...c.tags],
		status: c.status,
		birthday: partialDateForInput(c.birthday),
		partnerName: c.partnerName,
		partnerBirthday: partialDateForInput(c.partnerBirthday),
		relations: c.relations.map((r) => ({
			name: r.name,
			relation: r.relation,
			birthday: partialDateForInput(r.birthday)
		})),
		preferredChannels: [...c.preferredChannels],
		quietTimes: c.quietTimes.map((q) => ({ weekdays: [...q.weekdays], from: q.from, to: q.to })),
		peakMonths: [...c.peakMonths],
		addressForm: c.addressForm,
		closeness: c.closeness,
		interests: [...c.interests],
		preferences: c.preferences.map((p) => ({ ...p })),
		notes: c.notes
	};
}
