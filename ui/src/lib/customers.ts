/** Customer data as the screens show it (the edit form's input comes from the core). */
import type { Lang, PartialDate } from '$lib/api';
import { dateFormat, localeTag } from '$lib/i18n/format';

/** A birthday for reading: "14. März 1961" / "14 March 1961", without the year if unknown. */
export function formatPartialDate(date: PartialDate, lang: Lang): string {
	// Any leap year holds 29 February; the year is only printed when known.
	const when = new Date(Date.UTC(date.year ?? 2000, date.month - 1, date.day));
	const withYear = date.year != null;
	return dateFormat(withYear ? 'partialYear' : 'partialDay', lang, {
		day: 'numeric',
		month: 'long',
		...(withYear ? { year: 'numeric' } : {}),
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

/** "VIP, Stammtisch , " → ["VIP", "Stammtisch"]. */
export function splitList(text: string): string[] {
	return text
		.split(/[,;\n]/)
		.map((word) => word.trim())
		.filter((word) => word.length > 0);
}
