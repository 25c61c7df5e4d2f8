import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { api, ApiError, emptyFilter } = await import('./index');

async function caught(call: Promise<unknown>): Promise<InstanceType<typeof ApiError>> {
	try {
		await call;
	} catch (error) {
		if (error instanceof ApiError) return error;
		throw new Error(`expected an ApiError, got ${String(error)}`);
	}
	throw new Error('expected the call to fail');
}

describe('api', () => {
	beforeEach(() => {
		invoke.mockReset();
	});

	it('passes arguments by name and returns the data', async () => {
		invoke.mockResolvedValue({ items: [], next: null, total: 0 });
		const filter = emptyFilter();
		await expect(api.listCustomers(filter, null, 50)).resolves.toEqual({
			items: [],
			next: null,
			total: 0
		});
		expect(invoke).toHaveBeenCalledWith('customers_list', { filter, after: null, limit: 50 });
	});

	it('turns an error report into an ApiError with its fields', async () => {
		invoke.mockRejectedValue({
			code: 'Validation',
			message: 'Bitte prüfen: E-Mail.',
			fields: [{ field: 'email', message: 'Keine gültige E-Mail-Adresse.' }]
		});
		const error = await caught(api.createCustomer({} as never));
		expect(error.code).toBe('Validation');
		expect(error.message).toBe('Bitte prüfen: E-Mail.');
		expect(error.fields).toEqual([{ field: 'email', message: 'Keine gültige E-Mail-Adresse.' }]);
	});

	it('wraps a plain string rejection from Tauri', async () => {
		invoke.mockRejectedValue('customers_trash not allowed');
		const error = await caught(api.trashCustomer(1));
		expect(error.code).toBe('Internal');
		expect(error.message).toBe('customers_trash not allowed');
		expect(error.fields).toEqual([]);
	});
});
