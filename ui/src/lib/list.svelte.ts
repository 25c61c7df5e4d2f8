/** The customer list's search and filters, kept while the user visits a customer and
 * comes back. */
import { emptyFilter, type CustomerFilter } from '$lib/api';

export const listState = $state<{ filter: CustomerFilter }>({ filter: emptyFilter() });
