// The care plan's settings and the greeting list: a plan line refused by field and then
// kept, the agenda settings checked, and the birthday labels laid out on the A4 sheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { follow, loadDemo, type, useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

test('plan lines, agenda settings and birthday labels', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/agenda', 'Heute');
		await follow(browser, '/care/plan', 'Betreuungsplan');
		await waitForText(browser, 'table.rules td', 'Topkunden');
		const before = (await browser.$$('table.rules tbody tr')).length;

		// A line with a bad interval is refused at the field; corrected, it is kept.
		await (await browser.$('button=Zeile hinzufügen')).click();
		await type(browser, 'rule-tag', 'VIP');
		await type(browser, 'rule-everyDays', '0');
		await (await browser.$('button=Zeile speichern')).click();
		await waitForText(browser, '#rule-everyDays-error', '1');
		// (Enter in the field: the button has moved to the window's lower edge.)
		await type(browser, 'rule-everyDays', '14');
		await browser.keys('Enter');
		await waitForText(browser, 'table.rules td', 'alle 14 Tage');
		assert.equal((await browser.$$('table.rules tbody tr')).length, before + 1);

		// A measure with a name of its own.
		await (await browser.$('button=Maßnahme hinzufügen')).click();
		await type(browser, 'measure-name', 'Weinprobe <exklusiv>');
		await type(browser, 'measure-cost', '25,00');
		await browser.keys('Enter');
		await waitForText(browser, 'table.measures td', 'Weinprobe <exklusiv>');

		// Agenda settings: calls until before calls from is refused by field.
		await type(browser, 'care-callTo', '08:00');
		await browser.keys('Enter');
		await waitForText(browser, 'form[aria-label="Agenda und Frühwarnung"] .error', 'Ende');
		await type(browser, 'care-callTo', '17:30');
		await browser.keys('Enter');
		await waitForText(browser, '[data-sonner-toast]', 'Gespeichert');

		// The greeting list of a month with birthdays, and its labels on the sheet.
		await follow(browser, '/agenda', 'Heute');
		await follow(browser, '/care/greetings', 'Geburtstagsliste');
		let rows = [];
		for (const month of ['3', '5', '7', '9']) {
			await (await browser.$('#greetings-month')).selectByAttribute('value', month);
			await browser.pause(500);
			rows = await browser.$$('table.greetings tbody tr');
			if (rows.length > 0) break;
		}
		assert.ok(rows.length > 0, 'the demo shop has birthdays in one of the months tried');
		await type(browser, 'sheet-start', '2');
		const labels = await browser.$$('.label-pages .label');
		assert.equal(labels.length, rows.length);
		// The first label sits in the second place of the first row: 70 mm from the left.
		assert.match(await labels[0].getAttribute('style'), /left: 70mm/);
		assert.match(await labels[0].getAttribute('style'), /top: 4.5mm/);
	}));
