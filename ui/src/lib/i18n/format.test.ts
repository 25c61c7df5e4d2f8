import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateForInput,
	formatMoney,
	formatNumber,
	formatPercent,
	formatDecimal,
	nowForInput,
	todayForInput
} from './format';
import { de } from './de';
import { en } from './en';

describe('format', () => {
	it('formats numbers per language', () => {
		expect(formatNumber(1234567, 'de')).toBe('1.234.567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
	});

	it('formats shares and decimals (numbers typed are read by the core)', () => {
		expect(formatPercent(0.456, 'de')).toBe('46\u00a0%');
		expect(formatPercent(0.456, 'en')).toBe('46%');
		expect(formatDecimal(4.25, 1, 'de')).toBe('4,3');
	});

	it('formats calendar dates without a time zone shift', () => {
		expect(formatDate('1961-03-14', 'de')).toBe('14.03.1961');
		expect(formatDate('1961-03-14', 'en')).toBe('14/03/1961');
		expect(formatDate('2024-12-31', 'de')).toBe('31.12.2024');
	});

	it('formats cents as euros', () => {
		expect(formatMoney(123456, 'de')).toBe('1.234,56\u00a0€');
		expect(formatMoney(4990, 'en')).toBe('€49.90');
	});

	it('gives today and now in the form the backend parses', () => {
		const moment = new Date(2026, 10, 22, 9, 5);
		expect(todayForInput(moment)).toBe('22.11.2026');
		expect(nowForInput(moment)).toBe('22.11.2026 09:05');
	});

	it('gives the birthday back in the form the backend parses', () => {
		expect(formatDateForInput('1961-03-14')).toBe('14.03.1961');
	});
});

describe('dictionaries', () => {
	function keys(value: unknown, prefix = ''): string[] {
		if (typeof value !== 'object' || value === null) return [prefix];
		return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
	}

	it('English has every German text and no empty one', () => {
		expect(keys(en).sort()).toEqual(keys(de).sort());
		for (const key of keys(en)) {
			const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], en);
			if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
		}
	});
});
