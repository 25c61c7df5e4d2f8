import { describe, expect, it } from 'vitest';
import {
	centsForInput,
	formatPartialDate,
	formatWeekdays,
	monthNames,
	partialDateForInput,
	splitList,
	weekdayNames
} from './customers';

describe('birthdays with the year optional', () => {
	it('round-trips through the input field', () => {
		expect(partialDateForInput({ day: 4, month: 3, year: 1961 })).toBe('04.03.1961');
		expect(partialDateForInput({ day: 29, month: 2, year: null })).toBe('29.02.');
		expect(partialDateForInput(null)).toBe('');
	});

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
	it('writes cents the way the amount parser reads them', () => {
		expect(centsForInput(125_000_000)).toBe('1.250.000,00');
		expect(centsForInput(null)).toBe('');
	});

	it('splits comma lists and drops blanks', () => {
		expect(splitList(' VIP, Stammtisch ,,\nGolf;')).toEqual(['VIP', 'Stammtisch', 'Golf']);
	});
});
