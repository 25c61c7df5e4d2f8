/** Customers and what hangs on them: the list and filters, the record, contact persons, employees, the timeline, duplicates and merges. */
import { commands } from './bindings';
import { unwrap } from './call';
import type {
	ContactChannel,
	ContactId,
	ContactInput,
	CustomerFilter,
	CustomerId,
	CustomerInput,
	EmployeeId,
	InteractionInput,
	ListCursor,
	MergeField,
	MergeId,
	TimelineCursor,
	TransactionId,
	TransactionInput
} from './types';

/** An empty form for a new customer. */
export function emptyCustomerInput(): CustomerInput {
	return {
		number: '',
		kind: 'person',
		firstName: '',
		lastName: '',
		firmName: '',
		street: '',
		postalCode: '',
		city: '',
		country: '',
		phone: '',
		email: '',
		salutation: 'none',
		title: '',
		otherPhones: [],
		otherEmails: [],
		industry: '',
		companySize: '',
		annualRevenue: '',
		customerSince: '',
		employeeId: null,
		tags: [],
		status: 'active',
		birthday: '',
		partnerName: '',
		partnerBirthday: '',
		relations: [],
		preferredChannels: [],
		quietTimes: [],
		peakMonths: [],
		addressForm: 'unknown',
		closeness: null,
		interests: [],
		preferences: [],
		notes: ''
	};
}

/** Every contact channel, in the order the forms offer them. */
export const CONTACT_CHANNELS: ContactChannel[] = [
	'phone',
	'visit',
	'email',
	'letter',
	'messenger',
	'social',
	'event',
	'other'
];

/** The whole list, in name order: no search, no filter. */
export function emptyFilter(): CustomerFilter {
	return {
		query: '',
		tag: '',
		city: '',
		employeeId: null,
		birthdayMonth: null,
		status: null,
		notVerified: false,
		quadrant: null,
		abc: null,
		phase: null,
		minScore: null,
		mayContact: null,
		sort: 'name'
	};
}

export const customersApi = {
	cancelPurchase: (id: TransactionId) => unwrap(commands.transactionsCancel(id)),
	listCustomers: (filter: CustomerFilter, after: ListCursor | null, limit: number) =>
		unwrap(commands.customersList(filter, after, limit)),
	filterOptions: () => unwrap(commands.customersFilterOptions()),
	savedFilters: () => unwrap(commands.savedFiltersList()),
	saveFilter: (name: string, filter: CustomerFilter) =>
		unwrap(commands.savedFiltersSave(name, filter)),
	deleteSavedFilter: (id: number) => unwrap(commands.savedFiltersDelete(id)),
	employees: () => unwrap(commands.employeesList()),
	createEmployee: (name: string) => unwrap(commands.employeesCreate(name)),
	updateEmployee: (id: EmployeeId, name: string, active: boolean) =>
		unwrap(commands.employeesUpdate(id, name, active)),
	getCustomer: (id: CustomerId) => unwrap(commands.customersGet(id)),
	/** What the customer's edit form starts from (amounts in the user's language). */
	customerInput: (id: CustomerId) => unwrap(commands.customersInput(id)),
	createCustomer: (input: CustomerInput) => unwrap(commands.customersCreate(input)),
	updateCustomer: (id: CustomerId, input: CustomerInput) =>
		unwrap(commands.customersUpdate(id, input)),
	trashCustomer: (id: CustomerId) => unwrap(commands.customersTrash(id)),
	restoreCustomer: (id: CustomerId) => unwrap(commands.customersRestore(id)),
	trashedCustomers: (limit: number) => unwrap(commands.customersTrashed(limit)),
	customerDetails: (id: CustomerId) => unwrap(commands.customersDetails(id)),
	markVerified: (id: CustomerId) => unwrap(commands.customersMarkVerified(id)),
	timeline: (customer: CustomerId, after: TimelineCursor | null, limit: number) =>
		unwrap(commands.timelinePage(customer, after, limit)),
	addPurchase: (customer: CustomerId, input: TransactionInput) =>
		unwrap(commands.transactionsAdd(customer, input)),
	addInteraction: (customer: CustomerId, input: InteractionInput) =>
		unwrap(commands.interactionsAdd(customer, input)),
	contacts: (customer: CustomerId) => unwrap(commands.contactsList(customer)),
	addContact: (customer: CustomerId, input: ContactInput) =>
		unwrap(commands.contactsAdd(customer, input)),
	updateContact: (id: ContactId, input: ContactInput) => unwrap(commands.contactsUpdate(id, input)),
	removeContact: (id: ContactId) => unwrap(commands.contactsRemove(id)),
	duplicates: (limit: number) => unwrap(commands.duplicatesFind(limit)),
	lookAlikes: (input: CustomerInput, editing: CustomerId | null) =>
		unwrap(commands.duplicatesSimilar(input, editing)),
	mergePreview: (survivor: CustomerId, merged: CustomerId) =>
		unwrap(commands.mergesPreview(survivor, merged)),
	merge: (survivor: CustomerId, merged: CustomerId, take: MergeField[]) =>
		unwrap(commands.customersMerge({ survivor, merged, take })),
	undoMerge: (id: MergeId) => unwrap(commands.mergesUndo(id))
};
