// The customer slice end to end, in the real window: create through the form, see the
// customer after a restart, see a validation message for a bad e-mail address, trash and
// undo, switch the language. The tests share one database and run in this order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	accessibilityViolations,
	clickUndo,
	useDriver,
	type,
	waitForText,
	withApp
} from './driver.mjs';

useDriver();

test('creates a customer through the form and finds it after a restart', async () => {
	await withApp(async (browser) => {
		await waitForText(browser, 'h2', 'Noch keine Kunden');
		assert.deepEqual(await accessibilityViolations(browser), [], 'empty list');
		await (await browser.$('a[href="/customers/new"]')).click();
		await waitForText(browser, 'h1', 'Neuen Kunden anlegen');
		await type(browser, 'customer-firstName', 'Hans');
		await type(browser, 'customer-lastName', 'Müller');
		await type(browser, 'customer-street', 'Hauptstraße 3');
		await type(browser, 'customer-postalCode', '50667');
		await type(browser, 'customer-city', 'Köln');
		await type(browser, 'customer-email', 'hans@mueller.de');
		await type(browser, 'customer-birthday', '14.03.1961');
		await (await browser.$('button[type="submit"]')).click();

		await waitForText(browser, 'h1', 'Hans Müller');
		await waitForText(browser, '.soft', '14. März 1961');
		await waitForText(browser, 'dd', '50667 Köln');
	});

	// A new process on the same database file.
	await withApp(async (browser) => {
		await waitForText(browser, 'table.customer-list td', 'Hans Müller');
		const rows = await browser.$$('table.customer-list tbody tr:not(.pad)');
		assert.equal(rows.length, 1);
		const cells = await rows[0].$$('td');
		assert.equal(await cells[0].getText(), '10001');
		assert.equal(await cells[2].getText(), 'Köln');
		await waitForText(browser, '.count', '1 Kunde');
		assert.deepEqual(await accessibilityViolations(browser), [], 'customer list');
	});
});

test('shows a message next to an invalid e-mail address and saves nothing', () =>
	withApp(async (browser) => {
		await waitForText(browser, 'h1', 'Kunden');
		const before = await (await browser.$('.count')).getText();
		await (await browser.$('a[href="/customers/new"]')).click();
		await type(browser, 'customer-lastName', 'Schulz');
		await type(browser, 'customer-email', 'schulz@');
		await (await browser.$('button[type="submit"]')).click();

		await waitForText(browser, '#customer-email-error', 'Keine gültige E-Mail-Adresse');
		assert.deepEqual(await accessibilityViolations(browser), [], 'form with errors');
		const email = await browser.$('#customer-email');
		assert.equal(await email.getAttribute('aria-invalid'), 'true');
		assert.equal(await browser.execute(() => document.activeElement?.id), 'customer-email');
		// What was typed is still there.
		assert.equal(await email.getValue(), 'schulz@');
		assert.equal(await (await browser.$('#customer-lastName')).getValue(), 'Schulz');

		// Esc leaves the form; the list is unchanged.
		await browser.keys('Escape');
		await waitForText(browser, '.count', before);
	}));

test('moves a customer to the trash and brings it back with Undo and from the trash', () =>
	withApp(async (browser) => {
		await (await browser.$('=Hans Müller')).click();
		await waitForText(browser, 'h1', 'Hans Müller');
		await (await browser.$('button.danger')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Hans Müller liegt im Papierkorb.');
		await browser.waitUntil(async () => (await browser.$$('table.customer-list td')).length === 0, {
			timeout: 10000,
			timeoutMsg: 'the trashed customer is still listed'
		});
		await clickUndo(browser, 'Hans Müller liegt im Papierkorb.');
		await waitForText(browser, 'h1', 'Hans Müller');
		await (await browser.$('nav a[href="/customers"]')).click();
		await waitForText(browser, 'table.customer-list td', 'Hans Müller');

		// Trashed again, and restored from the trash screen this time.
		await (await browser.$('=Hans Müller')).click();
		await (await browser.$('button.danger')).click();
		await waitForText(browser, 'h2', 'Noch keine Kunden');
		await (await browser.$('a[href="/customers/trash"]')).click();
		await waitForText(browser, 'table.trash-list td', 'Hans Müller');
		await (await browser.$('button=Wiederherstellen')).click();
		await waitForText(browser, 'p', 'Der Papierkorb ist leer.');
		await (await browser.$('nav a[href="/customers"]')).click();
		await waitForText(browser, 'table.customer-list td', 'Hans Müller');
	}));

test('assigns an employee and tags, filters the list by them and saves the filter', () =>
	withApp(async (browser) => {
		await (await browser.$('a[href="/settings"]')).click();
		const name = await browser.$('#new-employee');
		await name.waitForDisplayed({ timeout: 10000 });
		await name.setValue('Anna Berger');
		await browser.keys('Enter');
		await waitForText(browser, '[data-sonner-toast]', 'Anna Berger hinzugefügt.');
		// The same name again is refused next to the field.
		await name.setValue('anna berger');
		await browser.keys('Enter');
		await waitForText(browser, '#new-employee-error', 'schon vergeben');
		assert.deepEqual(await accessibilityViolations(browser), [], 'settings with employees');

		// A second customer, looked after by Anna, tagged VIP.
		await (await browser.$('nav a[href="/customers"]')).click();
		await (await browser.$('a[href="/customers/new"]')).click();
		await type(browser, 'customer-firstName', 'Eva');
		await type(browser, 'customer-lastName', 'Schmidt');
		await type(browser, 'customer-tags', 'VIP, Weinclub');
		const employee = await browser.$('#customer-employee');
		await employee.selectByVisibleText('Anna Berger');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', 'Eva Schmidt');
		await waitForText(browser, '.tags li', 'VIP');
		await waitForText(browser, 'dd', 'Betreut von Anna Berger');

		await (await browser.$('nav a[href="/customers"]')).click();
		await waitForText(browser, '.count', '2 Kunden');
		const filters = await browser.$('.filters');
		const tag = await filters.$('select');
		await tag.selectByVisibleText('VIP');
		await waitForText(browser, '.count', '1 Kunde · Schlagwort: VIP');
		const rows = await browser.$$('table.customer-list tbody tr:not(.pad)');
		assert.equal(rows.length, 1);
		assert.match(await rows[0].getText(), /Eva Schmidt/);
		assert.deepEqual(await accessibilityViolations(browser), [], 'filtered list');

		// Saved under a name, reset, and chosen again.
		await (await browser.$('button=Filter speichern …')).click();
		await (await browser.$('#filter-name')).setValue('VIP-Kunden');
		await browser.keys('Enter');
		await waitForText(browser, '[data-sonner-toast]', 'Filter „VIP-Kunden“ gespeichert.');
		await (await browser.$('button=Filter zurücksetzen')).click();
		await waitForText(browser, '.count', '2 Kunden');
		const saved = await (await browser.$('.saved')).$('select');
		await saved.selectByVisibleText('VIP-Kunden');
		await waitForText(browser, '.count', '1 Kunde · Schlagwort: VIP');
	}));

test('switches the language to English and keeps the choice', async () => {
	await withApp(async (browser) => {
		await (await browser.$('a[href="/settings"]')).click();
		const select = await browser.$('#language');
		await select.waitForDisplayed({ timeout: 10000 });
		await select.selectByAttribute('value', 'en');
		await waitForText(browser, 'nav a', 'Customers');
	});
	await withApp(async (browser) => {
		await waitForText(browser, 'h1', 'Customers');
		await waitForText(browser, 'th', 'CITY');
	});
});
