import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, emptyCustomerInput, type CustomerInput } from '$lib/api';
import CustomerForm from './CustomerForm.svelte';

function setup(onsave: (input: CustomerInput) => Promise<void>) {
	const oncancel = vi.fn();
	render(CustomerForm, {
		props: { initial: emptyCustomerInput(), submitLabel: 'Speichern', onsave, oncancel }
	});
	return { oncancel };
}

describe('CustomerForm', () => {
	it('sends what was typed', async () => {
		const onsave = vi.fn(async (input: CustomerInput) => void input);
		setup(onsave);
		await fireEvent.input(screen.getByLabelText('Nachname'), { target: { value: 'Müller' } });
		await fireEvent.input(screen.getByLabelText('E-Mail'), { target: { value: 'h@m.de' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
		expect(onsave).toHaveBeenCalledOnce();
		expect(onsave.mock.calls[0]![0]).toMatchObject({
			kind: 'person',
			lastName: 'Müller',
			email: 'h@m.de'
		});
	});

	it('shows each field message next to its field and focuses the first one', async () => {
		setup(async () => {
			throw new ApiError({
				code: 'Validation',
				message: 'Bitte prüfen: Nachname, E-Mail.',
				fields: [
					{ field: 'email', message: 'Keine gültige E-Mail-Adresse.' },
					{ field: 'lastName', message: 'Bitte ausfüllen.' }
				]
			});
		});
		await fireEvent.input(screen.getByLabelText('E-Mail'), { target: { value: 'x@' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));

		const email = await screen.findByLabelText('E-Mail');
		expect(email).toHaveAttribute('aria-invalid', 'true');
		expect(email).toHaveAccessibleDescription('Keine gültige E-Mail-Adresse.');
		expect(screen.getByLabelText('Nachname')).toHaveAccessibleDescription('Bitte ausfüllen.');
		// Last name comes before e-mail in the form.
		expect(document.activeElement).toBe(screen.getByLabelText('Nachname'));
		expect(email).toHaveValue('x@');
		expect(screen.getByRole('alert')).toHaveTextContent('Bitte die markierten Felder prüfen.');
	});

	it('shows the firm name field only for firms', async () => {
		setup(async () => {});
		const firmInput = 'input:not([type=radio])';
		expect(screen.queryByLabelText('Firma', { selector: firmInput })).toBeNull();
		await fireEvent.click(screen.getByLabelText('Firma', { selector: 'input[type=radio]' }));
		expect(screen.getByLabelText('Firma', { selector: firmInput })).toBeVisible();
	});

	it('cancels on Escape', async () => {
		const { oncancel } = setup(async () => {});
		await fireEvent.keyDown(window, { key: 'Escape' });
		expect(oncancel).toHaveBeenCalledOnce();
	});
});
