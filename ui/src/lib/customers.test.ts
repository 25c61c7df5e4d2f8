import { describe, expect, it } from 'vitest';
import {
	formatPartialDate,
	formatWeekdays,
	monthNames,
	splitList,
	weekdayNames
} from './customers';

describe('birthdays with the year optional', () => {
	it('reads naturally in both languages', () => {
		expect(formatPartialDate({ day: 14, month: 3, year: 1961 }, 'de')).toBe('14. März 1961');
		expect(formatPartialDate({ day: 29, month: 2, year: null }, 'de')).toBe('29. Februar');
		expect(formatPartialDate({ day: 14, month: 3, year: null }, 'en')).toBe('14 March');
	});
});

describe('calendar names come from Intl', () => {
	it('starts the week on Monday', () => {
		expect(weekdayNames('de')[0]).toBe('Mo');
		expect(weekdayNames('en')[6]).toBe('Sun');
		expect(monthNames('de')[2]).toBe('März');
	});

	it('folds runs of weekdays into ranges', () => {
		expect(formatWeekdays([5, 1, 2, 3, 4], 'de')).toBe('Mo–Fr');
		expect(formatWeekdays([1, 3], 'de')).toBe('Mo, Mi');
		expect(formatWeekdays([6, 7], 'en')).toBe('Sat, Sun');
	});
});

describe('form helpers', () => {
	it('splits comma lists and drops blanks', () => {
		expect(splitList(' VIP, Stammtisch ,,\nGolf;')).toEqual(['VIP', 'Stammtisch', 'Golf']);
	});
});
