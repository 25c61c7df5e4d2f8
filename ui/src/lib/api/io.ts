/** Import and export of files. */
import { commands } from './bindings';
import { unwrap } from './call';
import { Channel } from '@tauri-apps/api/core';
import type {
	CustomerFilter,
	CustomerId,
	ExportFormat,
	ImportField,
	ImportOptions,
	ImportProgress
} from './types';

export const ioApi = {
	/** The native open dialog; null when the user cancels. */
	chooseImportFile: () => unwrap(commands.importChooseFile()),
	importPreview: (path: string, mapping: (ImportField | null)[] | null) =>
		unwrap(commands.importPreview(path, mapping)),
	importCustomers: (
		path: string,
		mapping: (ImportField | null)[],
		options: ImportOptions,
		onProgress: (progress: ImportProgress) => void
	) => {
		const channel = new Channel<ImportProgress>();
		channel.onmessage = onProgress;
		return unwrap(commands.importCustomers(path, mapping, options, channel));
	},
	cancelImport: () => unwrap(commands.importCancel()),
	/** Checks (dryRun) or imports the purchases of a file; problems come back by line. */
	importPurchases: (path: string, dryRun: boolean) =>
		unwrap(commands.importPurchases(path, dryRun)),
	/** Exports the filtered list through the native save dialog; the path, or null. */
	exportCustomers: (filter: CustomerFilter, format: ExportFormat) =>
		unwrap(commands.exportCustomers(filter, format)),
	/** Everything stored about a customer (the right of access), as JSON or PDF. */
	exportCustomerData: (id: CustomerId, pdf: boolean) => unwrap(commands.exportCustomerData(id, pdf))
};
