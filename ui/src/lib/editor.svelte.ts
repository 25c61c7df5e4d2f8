/** The state every editing screen shares: the input being edited, its messages by field,
 * and (for an editor of list entries) which entry is open. The backend validates; what it
 * refuses comes back by field, anything else as a toast. */
import { toast } from 'svelte-sonner';
import { errorMessage } from '$lib/errors';
import { fieldErrors, type FieldErrors } from '$lib/forms';

/** A form whose input the backend validates and keeps. */
export class Form<Input> {
	value = $state() as Input;
	errors = $state<FieldErrors>({});

	constructor(value: Input) {
		this.value = value;
	}

	/** Hands the input to `write`; true when it was kept, else its messages are shown. */
	async save(write: (input: Input) => Promise<unknown>): Promise<boolean> {
		this.errors = {};
		try {
			await write($state.snapshot(this.value) as Input);
			return true;
		} catch (error) {
			this.errors = fieldErrors(error) ?? {};
			if (Object.keys(this.errors).length === 0) toast.error(errorMessage(error));
			return false;
		}
	}
}

/** The form of one entry of a list: closed, or open on a new entry (`id` null) or on one
 * that exists. */
export class Editor<Id, Input> extends Form<Input> {
	open = $state(false);
	id = $state<Id | null>(null);
	readonly #blank: () => Input;

	constructor(blank: () => Input) {
		super(blank());
		this.#blank = blank;
	}

	/** Opens on entry `id` with `value`, or on a new blank entry. */
	start(id: Id | null = null, value?: Input) {
		this.errors = {};
		this.id = id;
		this.value = value ?? this.#blank();
		this.open = true;
	}

	/** Opens on the entry whose form `load` fetches (the core writes it); a failure is a
	 * toast and the editor stays closed. */
	async startWith(id: Id, load: () => Promise<Input>) {
		const value = await attempt(load);
		if (value !== undefined) this.start(id, value);
	}

	close() {
		this.open = false;
	}

	/** Hands the entry to `write(id, input)` and closes the editor when it was kept. */
	async keep(write: (id: Id | null, input: Input) => Promise<unknown>): Promise<boolean> {
		const kept = await this.save((input) => write(this.id, input));
		if (kept) this.open = false;
		return kept;
	}
}

/** Runs `work`; a failure is shown as a toast and gives `undefined`. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
	try {
		return await work();
	} catch (error) {
		toast.error(errorMessage(error));
		return undefined;
	}
}
