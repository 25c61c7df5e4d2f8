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
					{ field: 'email', row: null, message: 'Keine gültige E-Mail-Adresse.' },
					{ field: 'lastName', row: null, message: 'Bitte ausfüllen.' }
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

	it('sends soft facts: lists split, channels in order, rows as typed', async () => {
		const onsave = vi.fn(async (input: CustomerInput) => void input);
		setup(onsave);
		await fireEvent.input(screen.getByLabelText('Nachname'), { target: { value: 'Müller' } });
		await fireEvent.input(screen.getByLabelText('Schlagwörter'), {
			target: { value: 'VIP, Stammtisch,' }
		});
		await fireEvent.input(screen.getByLabelText('Geburtstag'), { target: { value: '14.03.' } });
		await fireEvent.change(screen.getByLabelText('Bevorzugte Kanäle: 1. Wahl'), {
			target: { value: 'email' }
		});
		await fireEvent.change(screen.getByLabelText('Bevorzugte Kanäle: 2. Wahl'), {
			target: { value: 'phone' }
		});
		await fireEvent.click(screen.getByLabelText('Dez'));
		const addButtons = screen.getAllByRole('button', { name: 'Zeile hinzufügen' });
		// Further phones, further e-mails, relations, preferences, quiet times.
		expect(addButtons).toHaveLength(5);
		await fireEvent.click(addButtons[2]!);
		await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Lea' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
		expect(onsave.mock.calls[0]![0]).toMatchObject({
			tags: ['VIP', 'Stammtisch'],
			birthday: '14.03.',
			preferredChannels: ['email', 'phone'],
			peakMonths: [12],
			relations: [{ name: 'Lea', relation: '', birthday: '' }]
		});
	});

	it('shows a message next to the list entry it belongs to', async () => {
		const initial = emptyCustomerInput();
		initial.relations = [
			{ name: 'Lea', relation: 'Tochter', birthday: '03.05.2010' },
			{ name: '', relation: 'Sohn', birthday: '31.04.' }
		];
		render(CustomerForm, {
			props: {
				initial,
				submitLabel: 'Speichern',
				oncancel: vi.fn(),
				onsave: async () => {
					throw new ApiError({
						code: 'Validation',
						message: 'Bitte prüfen: Weitere Angehörige (Zeile 2).',
						fields: [
							{ field: 'relations', row: 1, message: 'Bitte ausfüllen.' },
							{ field: 'relations', row: 1, message: 'Kein gültiges Datum.' }
						]
					});
				}
			}
		});
		await fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
		const names = await screen.findAllByLabelText('Name');
		expect(names[0]).not.toHaveAttribute('aria-invalid');
		expect(names[1]).toHaveAttribute('aria-invalid', 'true');
		expect(names[1]).toHaveAccessibleDescription('Bitte ausfüllen. Kein gültiges Datum.');
		expect(document.activeElement).toBe(names[1]);
	});

	it('cancels on Escape', async () => {
		const { oncancel } = setup(async () => {});
		await fireEvent.keyDown(window, { key: 'Escape' });
		expect(oncancel).toHaveBeenCalledOnce();
	});
});
