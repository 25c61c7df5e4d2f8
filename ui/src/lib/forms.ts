/** Shared behaviour of forms whose input the backend validates. */
import { tick } from 'svelte';
import { ApiError, type Field } from '$lib/api';

export type FieldErrors = Partial<Record<Field, string>>;

/** The per-field messages of a validation error, or null for any other error. */
export function fieldErrors(error: unknown): FieldErrors | null {
	if (error instanceof ApiError && error.fields.length > 0) {
		return Object.fromEntries(error.fields.map((f) => [f.field, f.message]));
	}
	return null;
}

/** Focuses the first field marked invalid, in the order the form shows them. */
export async function focusFirstInvalid(form: HTMLElement | undefined) {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
