// The care plan's settings and the greeting list: a plan line refused by field and then
// kept, the agenda settings checked, and the birthday labels printed on an A4 sheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { follow, loadDemo, type, useDriver, waitForText, withApp } from './driver.mjs';

let saved = '';
useDriver((dataDir) => {
	saved = join(dataDir, 'Etiketten.pdf');
	return { STAMMKUNDE_TEST_SAVE_FILE: saved };
});

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
		// Its labels: the print preview of the core's PDF, on a sheet of another make, from
		// the second label; a sheet too wide is refused next to its field.
		await (await browser.$('button=Etiketten drucken')).click();
		await waitForText(browser, 'h1', 'Adressetiketten drucken');
		await waitForText(browser, '[data-testid="page-count"]', 'Seite');
		await (
			await browser.$('main select')
		).selectByVisibleText('3 × 7, 63,5 × 38,1 mm (Avery L7160)');
		await type(browser, 'sheet-start', '2');
		await type(browser, 'sheet-widthMm', '75');
		await waitForText(browser, '.field-error', 'der Bogen hat nur 210 mm');
		await type(browser, 'sheet-widthMm', '63.5');
		const save = await browser.$('button=Als PDF speichern');
		await browser.waitUntil(() => save.isEnabled(), { timeout: 15000 });
		await save.click();
		await browser.waitUntil(() => existsSync(saved), {
			timeout: 15000,
			timeoutMsg: 'the labels were not saved'
		});
		const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
		assert.ok(text.trim().length > 0, 'the labels hold addresses');
		// The sheet is kept for next time.
		await (await browser.$('button=Zurück')).click();
		await (await browser.$('button=Etiketten drucken')).click();
		await waitForText(browser, '[data-testid="page-count"]', 'Seite');
		assert.equal(await (await browser.$('#sheet-start')).getValue(), '2');
		assert.equal(await (await browser.$('#sheet-gapXMm')).getValue(), '2.5');
	}));
