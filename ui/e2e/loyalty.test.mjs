// The loyalty program end to end: at the counter a customer is found by the card number,
// the identity check comes first, part of the balance is redeemed, and the new balance and
// the entry in the history show; the printable card shows the same number with its QR code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { follow, loadDemo, useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

const digits = (text) => Number(text.replace(/\D/g, ''));

test('counter: look up by card, check identity, redeem part, see balance and history', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/loyalty', 'Kasse');

		// Find a card holder with points by name, and take the card number.
		const search = await browser.$('#counter-search');
		await search.setValue('m');
		await browser.keys('Enter');
		await browser.waitUntil(async () => (await browser.$$('table.hits tr')).length > 0, {
			timeout: 15000,
			timeoutMsg: 'the counter found nobody for "m"'
		});
		let card = null;
		let balance = 0;
		for (const row of await browser.$$('table.hits tr')) {
			const c = await row.getAttribute('data-card');
			const b = Number(await row.getAttribute('data-balance'));
			if (c && b >= 10) {
				card = c;
				balance = b;
				break;
			}
		}
		assert.ok(card, 'a demo card holder with points');

		// Now as at the till: the card number alone finds its holder.
		await search.clearValue();
		await search.setValue(card);
		await browser.keys('Enter');
		const shown = await browser.$('[data-testid="counter-balance"]');
		await shown.waitForDisplayed({ timeout: 15000 });
		assert.equal(digits(await shown.getText()), balance);
		const name = await (await browser.$('#counter-name')).getText();
		assert.ok(name.length > 0);
		// Identity hints: town and birthday (day and month) are shown.
		assert.ok(await (await browser.$('[data-hint="city"]')).isDisplayed());
		assert.ok(await (await browser.$('[data-hint="birthday"]')).isDisplayed());

		// Without the identity check nothing is redeemed.
		const part = Math.floor(balance / 2);
		await (await browser.$('#counter-points')).setValue(String(part));
		await (await browser.$('#counter-points')).click();
		await browser.keys('Enter');
		await waitForText(browser, '.identity', 'Bitte Identität prüfen');
		assert.equal(digits(await shown.getText()), balance);

		// Checked: part of the balance is redeemed.
		await (await browser.$('#counter-identity')).click();
		await (await browser.$('#counter-points')).click();
		await browser.keys('Enter');
		await browser.waitUntil(async () => digits(await shown.getText()) === balance - part, {
			timeout: 10000,
			timeoutMsg: `the balance did not become ${balance - part}`
		});
		const first = await browser.$('table.history tbody tr');
		assert.equal(await first.getAttribute('data-kind'), 'redeem');
		const cells = await first.$$('td');
		assert.equal(digits(await cells[2].getText()), part);
		assert.match(await cells[2].getText(), /^−/);
		assert.equal(digits(await cells[3].getText()), balance - part);

		// More than the balance is refused with a clear message; the balance stays.
		await (await browser.$('#counter-points')).setValue(String(balance * 10));
		await (await browser.$('#counter-points')).click();
		await browser.keys('Enter');
		await waitForText(browser, '[role="alert"]', 'Nicht genug Punkte');
		assert.equal(digits(await shown.getText()), balance - part);

		// The customer's page shows the same balance; the printable card the same number.
		await (await browser.$('a=Kundenseite öffnen')).click();
		await waitForText(browser, 'h1', name);
		const panel = await browser.$('[data-testid="loyalty-balance"]');
		await panel.waitForDisplayed({ timeout: 10000 });
		assert.equal(digits(await panel.getText()), balance - part);
		await (await browser.$('a=Karte drucken')).click();
		await waitForText(browser, 'h1', 'Kundenkarte drucken');
		await waitForText(browser, '[data-testid="card-display"]', card);
		assert.equal(await (await browser.$('[data-testid="card-name"]')).getText(), name);
		const path = await (await browser.$('svg.qr path')).getAttribute('d');
		assert.match(path, /^M4 4h7v1h-7z/);
		// Printed, it is the core's PDF: one A4 page with the card to cut out.
		await (await browser.$('main button.primary')).click();
		await waitForText(browser, '[data-testid="page-count"]', '1 Seite');
	}));

test('program settings: a wrong value is refused at its field, a right one is kept', () =>
	withApp(async (browser) => {
		await follow(browser, '/loyalty', 'Kasse');
		await follow(browser, '/loyalty/settings', 'Treueprogramm');
		const perEuro = await browser.$('#loyalty-ppe');
		await perEuro.waitForDisplayed({ timeout: 10000 });
		await perEuro.clearValue();
		await perEuro.setValue('0');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, '#loyalty-ppe-error', '1');
		assert.equal(await perEuro.getAttribute('aria-invalid'), 'true');
		await perEuro.clearValue();
		await perEuro.setValue('2');
		const shop = await browser.$('#loyalty-shop');
		await shop.setValue('Haushalt <Schmidt>');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Programm gespeichert');
		// Read back from the database.
		await follow(browser, '/loyalty/report', 'Auswertung des Programms');
		await follow(browser, '/loyalty/settings', 'Treueprogramm');
		await browser.waitUntil(
			async () => (await (await browser.$('#loyalty-ppe')).getValue()) === '2',
			{
				timeout: 10000,
				timeoutMsg: 'points per euro were not kept'
			}
		);
		assert.equal(await (await browser.$('#loyalty-shop')).getValue(), 'Haushalt <Schmidt>');
	}));
