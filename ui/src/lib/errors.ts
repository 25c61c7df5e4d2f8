import { ApiError } from '$lib/api';

/** The text to show for anything a call threw. */
export function errorMessage(error: unknown): string {
	if (error instanceof ApiError) return error.message;
	if (error instanceof Error) return error.message;
	return String(error);
}
