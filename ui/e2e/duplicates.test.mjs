// Duplicates end to end, in the real window: the warning while typing a customer who
// exists already, the duplicate list with its reasons, a merge with a field chosen from the
// second record, and Undo of the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	accessibilityViolations,
	clickUndo,
	follow,
	useDriver,
	type,
	waitForText,
	withApp
} from './driver.mjs';

useDriver();

/** Opens the empty form from the list. */
async function newCustomer(browser, fields) {
	await (await browser.$('nav a[href="/customers"]')).click();
	await follow(browser, '/customers/new', 'Neuen Kunden anlegen');
	for (const [field, value] of Object.entries(fields))
		await type(browser, `customer-${field}`, value);
}

test('warns while typing, lists the pair, merges field by field and undoes the merge', () =>
	withApp(async (browser) => {
		await newCustomer(browser, {
			firstName: 'Hans',
			lastName: 'Müller',
			street: 'Hauptstraße 3',
			postalCode: '50667',
			city: 'Köln',
			phone: '0221 123456'
		});
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', 'Hans Müller');

		// The same man typed again, spelled differently: the form says who he may be.
		await newCustomer(browser, {
			firstName: 'Hans',
			lastName: 'Mueller',
			street: 'Hauptstr. 3',
			postalCode: '50667'
		});
		await waitForText(browser, '.look-alikes', 'Diesen Kunden gibt es vielleicht schon');
		await waitForText(browser, '.look-alikes li', 'Hans Müller');
		await waitForText(browser, '.look-alikes li', 'Hauptstraße 3');
		await waitForText(browser, '.look-alikes li', 'gleiche Adresse');
		assert.deepEqual(await accessibilityViolations(browser), [], 'form with a look-alike');
		// Saved anyway, with an e-mail address the first record lacks.
		await type(browser, 'customer-email', 'hans@example.de');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', 'Hans Mueller');

		await (await browser.$('nav a[href="/customers"]')).click();
		await (await browser.$('a[href="/customers/duplicates"]')).click();
		await waitForText(browser, 'h1', 'Dubletten');
		await waitForText(browser, 'table.duplicate-list td', 'Hans Müller');
		await waitForText(browser, 'table.duplicate-list td', 'Hans Mueller');
		await waitForText(browser, 'table.duplicate-list td.reasons', 'gleiche Adresse');
		assert.deepEqual(await accessibilityViolations(browser), [], 'duplicate list');

		await (await browser.$('a=Zusammenführen')).click();
		await waitForText(browser, 'h1', 'Dubletten zusammenführen');
		// The e-mail address the survivor lacks is proposed; the name stays as it is.
		const takeEmail = await browser.$('input[name="merge-email"][value="true"]');
		assert.equal(await takeEmail.isSelected(), true);
		const keepName = await browser.$('input[name="merge-name"][value="false"]');
		assert.equal(await keepName.isSelected(), true);
		assert.deepEqual(await accessibilityViolations(browser), [], 'merge screen');
		await (await browser.$('button=Jetzt zusammenführen')).click();

		await waitForText(browser, 'h1', 'Hans Müller');
		await waitForText(browser, 'main', 'hans@example.de');
		await clickUndo(browser, 'zusammengeführt');
		await waitForText(browser, '[data-sonner-toast]', 'rückgängig gemacht');
		await waitForText(browser, 'h1', 'Dubletten');
		await waitForText(browser, 'table.duplicate-list td', 'Hans Mueller');
	}));
