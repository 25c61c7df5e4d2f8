/** Shared behaviour of forms whose input the backend validates. */
import { tick } from 'svelte';
import { ApiError, type Field } from '$lib/api';

/** Messages by field, and by `field.row` for the entries of list fields. */
export type FieldErrors = Partial<Record<string, string>>;

/** The key of a field's message: `email`, or `relations.2` for a list entry. */
export function errorKey(field: Field, row?: number | null): string {
	return row == null ? field : `${field}.${row}`;
}

/** The per-field messages of a validation error, or null for any other error. Several
 * problems with one entry are shown together. */
export function fieldErrors(error: unknown): FieldErrors | null {
	if (!(error instanceof ApiError) || error.fields.length === 0) return null;
	const out: FieldErrors = {};
	for (const f of error.fields) {
		const key = errorKey(f.field, f.row);
		out[key] = out[key] ? `${out[key]} ${f.message}` : f.message;
	}
	return out;
}

/** Focuses the first field marked invalid, in the order the form shows them. */
export async function focusFirstInvalid(form: HTMLElement | undefined) {
	await tick();
	form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
