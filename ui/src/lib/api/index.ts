/**
 * The UI's one door to the backend, one file per area (customers, care, loyalty, value,
 * surveys, io, app, backup, paper, privacy), joined here as `api`. Components call these functions; only this
 * folder talks to Tauri. Each function resolves with the data or throws an
 * {@link ApiError} carrying the backend's `{ code, message, fields }`, already in the
 * user's language.
 */
import { careApi } from './care';
import { loyaltyApi } from './loyalty';
import { customersApi } from './customers';
import { valueApi } from './value';
import { appApi } from './app';
import { ioApi } from './io';
import { surveysApi } from './surveys';
import { backupApi } from './backup';
import { paperApi } from './paper';
import { privacyApi } from './privacy';

export * from './types';
export { ApiError } from './call';
export { CONTACT_CHANNELS, emptyCustomerInput, emptyFilter } from './customers';
export { emptyAuditFilter } from './privacy';

export const api = {
	...careApi,
	...loyaltyApi,
	...customersApi,
	...valueApi,
	...appApi,
	...ioApi,
	...surveysApi,
	...backupApi,
	...paperApi,
	...privacyApi
};
