// A customer's timeline in the real window: create a customer with birthday and partner,
// record a purchase and a call with the quick entry, see both on the timeline newest
// first, see a message for a negative amount; find the customer by part of the name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	accessibilityViolations,
	clickUndo,
	follow,
	openApp,
	type,
	useDriver,
	waitForText,
	withApp
} from './driver.mjs';

useDriver();

test('creates a customer with birthday and partner, records a purchase and a call', () =>
	withApp(async (browser) => {
		await follow(browser, '/customers/new', 'Neuen Kunden anlegen');
		await type(browser, 'customer-firstName', 'Erika');
		await type(browser, 'customer-lastName', 'Mustermann');
		await type(browser, 'customer-birthday', '12.05.1970');
		await type(browser, 'customer-partnerName', 'Max');
		await type(browser, 'customer-partnerBirthday', '03.01.');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', 'Erika Mustermann');
		// The soft facts: both birthdays, the partner's without a year, with the days to go.
		await waitForText(browser, '.soft', '12. Mai 1970');
		await waitForText(browser, '.soft', 'Partner/in Max');
		await waitForText(browser, '.soft', '3. Januar');
		assert.match(await (await browser.$('.soft')).getText(), /in \d+ Tagen|morgen|heute!/);
		await waitForText(browser, '.timeline p', 'Noch keine Käufe oder Kontakte');

		// "Daten geprüft" on a new record: never checked, so a check is due.
		await waitForText(browser, 'dd', 'Noch nie geprüft');
		await waitForText(browser, '.due', 'Prüfung fällig');
		await (await browser.$('button=Daten geprüft')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Als geprüft vermerkt.');
		await browser.waitUntil(async () => (await browser.$$('.due')).length === 0, {
			timeout: 5000,
			timeoutMsg: 'the check is still shown as due'
		});

		// A purchase: Enter in the amount field submits.
		await (await browser.$('button=Kauf erfassen')).click();
		await type(browser, 'purchase-date', '20.11.2026');
		await type(browser, 'purchase-product', 'Navigationsgerät');
		await type(browser, 'purchase-discount', '10');
		await type(browser, 'purchase-amount', '-5');
		await browser.keys('Enter');
		await waitForText(browser, '#purchase-amount-error', 'nicht negativ');
		await type(browser, 'purchase-amount', '1.234,50');
		await browser.keys('Enter');
		await waitForText(browser, '.entry.purchase', '1.234,50 €');
		await waitForText(browser, '.entry.purchase', 'Rabatt 10,00 €');

		// A call, a day later than the purchase.
		await (await browser.$('button=Kontakt erfassen')).click();
		await type(browser, 'interaction-at', '21.11.2026 10:15');
		await type(browser, 'interaction-summary', 'Bedienung des Navis erklärt');
		await type(browser, 'interaction-nextStep', 'Nachfragen, ob alles klappt');
		await type(browser, 'interaction-nextStepDue', '28.11.2026');
		await browser.keys('Enter');
		await waitForText(browser, '.entry.interaction', 'Bedienung des Navis erklärt');

		const entries = await browser.$$('.entries > li');
		assert.equal(entries.length, 2);
		assert.match(
			await entries[0].getText(),
			/Anruf · von uns[\s\S]*Navis erklärt[\s\S]*fällig am 28\.11\.2026/
		);
		assert.match(
			await entries[1].getText(),
			/Kauf · 1\.234,50 €[\s\S]*20\.11\.2026[\s\S]*Navigationsgerät/
		);
		assert.deepEqual(await accessibilityViolations(browser), [], 'customer page with timeline');
	}));

test('finds the customer by typing part of the name, with Ctrl+K from anywhere', () =>
	withApp(async (browser) => {
		await (await browser.$('a[href="/settings"]')).click();
		await waitForText(browser, 'h1', 'Einstellungen');
		await browser.keys(['Control', 'k']);
		await waitForText(browser, 'h1', 'Kunden');
		await browser.waitUntil(
			async () => (await browser.execute(() => document.activeElement?.id)) === 'customer-search',
			{ timeout: 5000, timeoutMsg: 'Ctrl+K did not focus the search field' }
		);
		await browser.keys('musterm');
		await waitForText(browser, '.count', '1 Treffer');
		// Printed, the list is the core's PDF of what the search found: one page.
		await (await browser.$('button=Drucken')).click();
		await waitForText(browser, 'h1', 'Kundenliste drucken');
		await waitForText(browser, '[data-testid="page-count"]', '1 Seite');
		await (await browser.$('button=Zurück')).click();
		await waitForText(browser, '.count', '1 Treffer');
		await (await browser.$('=Erika Mustermann')).click();
		await waitForText(browser, '.entry.interaction', 'Bedienung des Navis erklärt');
		await waitForText(browser, '.entry.purchase', 'Navigationsgerät');
	}));

test('shows a name that looks like HTML as plain text', async () => {
	const name = '<img src=x onerror=alert(1)>';
	const browser = await openApp();
	try {
		await (await browser.$('a[href="/customers/new"]')).click();
		await type(browser, 'customer-lastName', name);
		await type(browser, 'customer-notes', '<b>fett</b>');
		await type(browser, 'customer-partnerName', '<img src=y onerror=alert(2)>');
		await type(browser, 'customer-tags', '<i>kursiv</i>');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', name);
		assert.equal(await (await browser.$('h1')).getText(), name);
		await waitForText(browser, 'dd', '<b>fett</b>');
		await waitForText(browser, '.soft', '<img src=y onerror=alert(2)>');
		await waitForText(browser, '.tags li', '<i>kursiv</i>');
		// The only picture is the app's own revenue chart (an SVG drawn by the core).
		assert.equal(
			(await browser.$$('main img:not(.trend)')).length,
			0,
			'no <img> from name or partner'
		);
		assert.equal((await browser.$$('main i')).length, 0, 'no <i> from the tag');
		await (await browser.$('nav a[href="/customers"]')).click();
		await waitForText(browser, 'table.customer-list td', name);
		assert.equal((await browser.$$('main img')).length, 0, 'no <img> was made from the name');
		assert.equal((await browser.$$('main b')).length, 0, 'no <b> was made from the notes');
	} finally {
		await browser.deleteSession();
	}
});

test('keeps contact persons at a firm, edits and removes one with Undo', () =>
	withApp(async (browser) => {
		await (await browser.$('a[href="/customers/new"]')).click();
		await (await browser.$('input[value="firm"]')).click();
		await type(browser, 'customer-firmName', 'Autohaus Becker KG');
		await (await browser.$('button[type="submit"]')).click();
		await waitForText(browser, 'h1', 'Autohaus Becker KG');
		await waitForText(browser, '.contacts p', 'Noch keine Ansprechpartner');

		await (await browser.$('button=Hinzufügen')).click();
		await type(browser, 'contact-name', 'Jana Becker');
		await type(browser, 'contact-role', 'Einkauf');
		await type(browser, 'contact-email', 'jana@');
		await browser.keys('Enter');
		await waitForText(browser, '#contact-email-error', 'Keine gültige E-Mail-Adresse');
		await type(browser, 'contact-email', 'jana.becker@example.com');
		await browser.keys('Enter');
		await waitForText(browser, '.contacts li', 'Jana Becker · Einkauf');

		await (await (await browser.$('.contacts')).$('button=Bearbeiten')).click();
		await type(browser, 'contact-role', 'Geschäftsführung');
		await browser.keys('Enter');
		await waitForText(browser, '.contacts li', 'Jana Becker · Geschäftsführung');
		assert.deepEqual(await accessibilityViolations(browser), [], 'firm page with contacts');

		await (await (await browser.$('.contacts')).$('button=Entfernen')).click();
		await waitForText(browser, '.contacts p', 'Noch keine Ansprechpartner');
		// The toast of the removal (earlier "saved" toasts may still be on screen).
		await clickUndo(browser, 'entfernt');
		await waitForText(browser, '.contacts li', 'Jana Becker · Geschäftsführung');

		// The firm is found by its contact's name.
		await (await browser.$('nav a[href="/customers"]')).click();
		await (await browser.$('#customer-search')).setValue('jana');
		await waitForText(browser, 'table.customer-list td', 'Autohaus Becker KG');
	}));
