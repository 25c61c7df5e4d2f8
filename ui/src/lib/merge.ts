/** What the merge screen shows of each field it lets the user choose. */
import type { Customer, Employee, Lang, MergeField } from '$lib/api';
import { formatPartialDate } from '$lib/customers';
import { formatDate, formatMoney, formatNumber } from '$lib/i18n/format';
import { de } from '$lib/i18n/de';
import { en } from '$lib/i18n/en';

/** The choices in the order the screen lists them (the core's `MergeField::ALL`). */
export const MERGE_FIELDS: MergeField[] = [
	'number',
	'kind',
	'name',
	'firmName',
	'address',
	'phone',
	'email',
	'industry',
	'companySize',
	'annualRevenue',
	'customerSince',
	'employee',
	'status',
	'birthday',
	'partner',
	'addressForm',
	'closeness'
];

const join = (parts: (string | null | undefined)[], by = ' ') =>
	parts
		.map((p) => (p ?? '').trim())
		.filter((p) => p.length > 0)
		.join(by);

/** The field of customer `c` as one line of text; '' when it holds nothing. */
export function mergeFieldText(
	field: MergeField,
	c: Customer,
	lang: Lang,
	employees: Employee[] = []
): string {
	const f = (lang === 'en' ? en : de).customers.fields;
	const kinds = (lang === 'en' ? en : de).customers.kind;
	switch (field) {
		case 'number':
			return c.number;
		case 'kind':
			return kinds[c.kind];
		case 'name':
			return join([
				c.salutation === 'none' ? '' : f.salutations[c.salutation],
				c.title,
				c.firstName,
				c.lastName
			]);
		case 'firmName':
			return c.firmName;
		case 'address':
			return join([c.street, join([c.postalCode, c.city]), c.country.toUpperCase()], ', ');
		case 'phone':
			return c.phone;
		case 'email':
			return c.email;
		case 'industry':
			return c.industry;
		case 'companySize':
			return c.companySize == null ? '' : formatNumber(c.companySize, lang);
		case 'annualRevenue':
			return c.annualRevenueCents == null ? '' : formatMoney(c.annualRevenueCents, lang);
		case 'customerSince':
			return c.customerSince ? formatDate(c.customerSince, lang) : '';
		case 'employee':
			return c.employeeId == null
				? ''
				: (employees.find((e) => e.id === c.employeeId)?.name ?? String(c.employeeId));
		case 'status':
			return f.statuses[c.status];
		case 'birthday':
			return c.birthday ? formatPartialDate(c.birthday, lang) : '';
		case 'partner':
			return join(
				[c.partnerName, c.partnerBirthday ? formatPartialDate(c.partnerBirthday, lang) : ''],
				', '
			);
		case 'addressForm':
			return c.addressForm === 'unknown' ? '' : f.addressForms[c.addressForm];
		case 'closeness':
			return c.closeness == null ? '' : `${c.closeness} – ${f.closenessLevels[c.closeness - 1]}`;
	}
}
