import { describe, expect, it } from 'vitest';
import type { Customer } from '$lib/api';
import { MERGE_FIELDS, mergeFieldText } from './merge';

const hans: Customer = {
	id: 1,
	number: '10001',
	kind: 'person',
	displayName: 'Hans Müller',
	salutation: 'mr',
	title: 'Dr.',
	firstName: 'Hans',
	lastName: 'Müller',
	firmName: '',
	street: 'Hauptstraße 3',
	postalCode: '50667',
	city: 'Köln',
	country: '',
	phone: '0221 123456',
	email: '',
	otherPhones: [],
	otherEmails: [],
	industry: '',
	companySize: null,
	annualRevenueCents: 125_000_000,
	customerSince: '2015-04-01',
	employeeId: 7,
	tags: [],
	status: 'active',
	birthday: { day: 14, month: 3, year: 1961 },
	partnerName: 'Gisela',
	partnerBirthday: { day: 2, month: 12, year: null },
	relations: [],
	preferredChannels: [],
	quietTimes: [],
	peakMonths: [],
	addressForm: 'unknown',
	closeness: 4,
	interests: [],
	preferences: [],
	notes: '',
	createdAt: '2026-01-01T00:00:00Z',
	updatedAt: '2026-01-01T00:00:00Z',
	trashedAt: null,
	lastVerified: null,
	erasedOn: null
};

describe('the merge screen shows each field as one line', () => {
	it('formats names, addresses, money, dates and people for the language', () => {
		const staff = [{ id: 7, name: 'Anna Berger', active: true, createdAt: '' }];
		const text = (field: (typeof MERGE_FIELDS)[number], lang: 'de' | 'en' = 'de') =>
			mergeFieldText(field, hans, lang, staff);
		expect(text('name')).toBe('Herr Dr. Hans Müller');
		expect(text('address')).toBe('Hauptstraße 3, 50667 Köln');
		expect(text('annualRevenue')).toBe('1.250.000,00\u00a0€');
		expect(text('customerSince')).toBe('01.04.2015');
		expect(text('employee')).toBe('Anna Berger');
		expect(text('birthday', 'en')).toBe('14 March 1961');
		expect(text('partner')).toBe('Gisela, 2. Dezember');
		expect(text('closeness')).toBe('4 – vertraut');
	});

	it('says nothing for empty fields, so rows with nothing to choose are left out', () => {
		for (const field of ['email', 'firmName', 'industry', 'companySize', 'addressForm'] as const)
			expect(mergeFieldText(field, hans, 'de')).toBe('');
	});
});
