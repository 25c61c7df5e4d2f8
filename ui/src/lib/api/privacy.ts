/** Privacy and access: consents, the data handed out, erasure, the audit trail, who works
 * the app and the app lock. The lock screen's window may call only `lockScreen` and
 * `unlock`. */
import { commands } from './bindings';
import { unwrap } from './call';
import type {
	AuditFilter,
	ConsentInput,
	CustomerId,
	EmployeeId,
	EraseInput,
	LockSettingsInput
} from './types';

export const privacyApi = {
	consents: (customer: CustomerId) => unwrap(commands.consentList(customer)),
	recordConsent: (customer: CustomerId, input: ConsentInput) =>
		unwrap(commands.consentRecord(customer, input)),
	eraseCustomer: (customer: CustomerId, input: EraseInput) =>
		unwrap(commands.customersErase(customer, input)),
	purgeTrash: (days: string) => unwrap(commands.trashPurge(days)),
	audit: (filter: AuditFilter) => unwrap(commands.auditList(filter)),
	auditKinds: () => unwrap(commands.auditKinds()),
	accessStatus: () => unwrap(commands.accessStatus()),
	saveAccessSettings: (input: LockSettingsInput) => unwrap(commands.accessSettingsSave(input)),
	setEmployeePin: (employee: EmployeeId, pin: string | null) =>
		unwrap(commands.employeeSetPin(employee, pin)),
	chooseEmployee: (employee: EmployeeId | null) => unwrap(commands.sessionChoose(employee)),
	lockApp: () => unwrap(commands.appLock()),
	lockScreen: () => unwrap(commands.lockScreen()),
	unlock: (employee: EmployeeId, pin: string) => unwrap(commands.lockUnlock(employee, pin))
};

/** An empty audit filter: everything, newest first, a page of 200. */
export function emptyAuditFilter(): AuditFilter {
	return {
		customer: null,
		employee: null,
		action: null,
		from: '',
		to: '',
		before: null,
		limit: 200
	};
}
