/** How every api function reaches Tauri: the data, or an {@link ApiError}. */
import type { ErrorCode, ErrorReport, FieldMessage } from './bindings';

export class ApiError extends Error {
	readonly code: ErrorCode;
	readonly fields: FieldMessage[];

	constructor(report: ErrorReport) {
		super(report.message);
		this.name = 'ApiError';
		this.code = report.code;
		this.fields = report.fields;
	}
}

type Outcome<T> = { status: 'ok'; data: T } | { status: 'error'; error: ErrorReport | string };

export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
	const outcome = await call;
	if (outcome.status === 'ok') return outcome.data;
	const { error } = outcome;
	// Tauri itself rejects with a plain string (e.g. a command the window may not call).
	throw new ApiError(
		typeof error === 'string' ? { code: 'Internal', message: error, fields: [] } : error
	);
}
