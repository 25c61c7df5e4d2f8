// Paper: the customer list's print preview shows the core's PDF pages (every row, not only
// those loaded), "Als PDF speichern" writes it through the save dialog, "Drucken" hands it
// to the system's PDF viewer; the agenda prints its call list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { follow, loadDemo, useDriver, waitForText, withApp } from './driver.mjs';

let saved = '';
useDriver((dataDir) => {
	saved = join(dataDir, 'Kundenliste.pdf');
	return { STAMMKUNDE_TEST_SAVE_FILE: saved, STAMMKUNDE_TEST_NO_VIEWER: '1' };
});

/** Clicks "Als PDF speichern" once the preview of the current options is ready, and waits
 * for the file to be written anew. */
async function save(browser) {
	const button = await browser.$('button=Als PDF speichern');
	await browser.waitUntil(() => button.isEnabled(), {
		timeout: 15000,
		timeoutMsg: 'the preview did not get ready'
	});
	const before = existsSync(saved) ? statSync(saved).mtimeMs : 0;
	await button.click();
	await browser.waitUntil(() => existsSync(saved) && statSync(saved).mtimeMs !== before, {
		timeout: 15000,
		timeoutMsg: 'the PDF was not saved'
	});
}

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('prints the whole customer list as a PDF, previewed, saved and handed to the viewer', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		// Only the first 100 rows are loaded on the screen; the paper has all 300.
		await (await browser.$('button=Drucken')).click();
		await waitForText(browser, 'h1', 'Kundenliste drucken');
		await waitForText(browser, '[data-testid="page-count"]', 'Seiten');
		const pages = async () => (await browser.$$('canvas.page')).length;
		await browser.waitUntil(async () => (await pages()) > 0, { timeout: 15000 });
		// The first page is drawn (pdf.js painted pixels into it).
		await browser.waitUntil(
			() =>
				browser.execute(() => {
					const c = document.querySelector('canvas.page');
					if (!(c instanceof HTMLCanvasElement) || c.width === 0) return false;
					const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
					let dark = 0;
					for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++;
					return dark > 1000;
				}),
			{ timeout: 15000, timeoutMsg: 'the first page stayed blank' }
		);

		// A column more, across the page: the preview is set anew.
		await (await browser.$('label=Geburtstag')).click();
		await (await browser.$('main select')).selectByAttribute('value', 'landscape');
		await browser.waitUntil(
			async () =>
				(await browser.execute(() => {
					const c = document.querySelector('canvas.page');
					return c instanceof HTMLCanvasElement && c.width > c.height;
				})) === true,
			{ timeout: 15000, timeoutMsg: 'the preview did not turn to landscape' }
		);

		await save(browser);
		assert.ok(existsSync(saved));
		const text = pdfText(saved);
		assert.match(text, /Kundenliste \(300\)/);
		assert.match(text, /Geburtstag/);
		assert.match(text, /Seite 1 von \d+/);
		const numbers = text.split('\n').filter((l) => /^\s*1\d{4}\s/.test(l));
		assert.equal(numbers.length, 300, 'every customer, not only the 100 loaded');

		await (await browser.$('button*=Drucken')).click();
		await waitForText(browser, '[data-sonner-toast]', 'PDF-Programm');

		// One customer's profile, from the customer's page.
		await (await browser.$('button=Zurück')).click();
		const first = await browser.$('table.customer-list tbody tr a');
		await first.waitForDisplayed({ timeout: 15000 });
		const name = await first.getText();
		await first.click();
		await waitForText(browser, 'h1', name);
		await (await browser.$('button[title="Profil drucken"]')).click();
		await waitForText(browser, 'h1', 'Kundenprofil drucken');
		await waitForText(browser, '[data-testid="page-count"]', '1 Seite');
		await save(browser);
		const profile = pdfText(saved);
		assert.ok(profile.includes(name), `${name} in the profile`);
		assert.match(profile, /Letzte Einkäufe/);
	}));

test('prints the call list from the agenda', () =>
	withApp(
		async (browser) => {
			await (await browser.$('button=Anrufliste drucken')).click();
			await waitForText(browser, 'h1', 'Anrufliste drucken');
			await waitForText(browser, '[data-testid="page-count"]', 'Seite');
			await (await browser.$('main select')).selectByAttribute('value', 'week');
			await save(browser);
			const text = pdfText(saved);
			assert.match(text, /Anrufliste \(\d+\)/);
			assert.match(text, /Diese Woche/);
			assert.ok(readFileSync(saved).length > 1000);
		},
		{ atStart: true }
	));

test('saves a chart as SVG and prints a report with its charts', () =>
	withApp(
		async (browser) => {
			await follow(browser, '/care/lost', 'Verlorene Kunden');
			await (await browser.$('img.chart')).waitForDisplayed({ timeout: 15000 });
			const before = existsSync(saved) ? statSync(saved).mtimeMs : 0;
			await (await browser.$('summary=Diagramm speichern')).click();
			await (await browser.$('button=Als SVG')).click();
			await browser.waitUntil(() => existsSync(saved) && statSync(saved).mtimeMs !== before, {
				timeout: 15000,
				timeoutMsg: 'the chart was not saved'
			});
			assert.match(readFileSync(saved, 'utf8'), /<svg/);
			await (await browser.$('button=Bericht drucken')).click();
			await waitForText(browser, 'h1', 'Bericht drucken');
			await waitForText(browser, '[data-testid="page-count"]', 'Seite');
			await save(browser);
			assert.match(pdfText(saved), /Verlorene Kunden/);
		},
		{ atStart: true }
	));

test('prints address labels for a tag filter, one per customer of the filter', () =>
	withApp(async (browser) => {
		const tag = await (await browser.$('.filters')).$('select');
		await tag.selectByVisibleText('VIP');
		await waitForText(browser, '.count', 'Schlagwort: VIP');
		const count = Number((await (await browser.$('.count')).getText()).match(/^(\d+)/)?.[1]);
		assert.ok(count > 0, 'the demo shop has VIP customers');
		await (await browser.$('button=Etiketten')).click();
		await waitForText(browser, 'h1', 'Adressetiketten drucken');
		await waitForText(browser, '[data-testid="page-count"]', 'Seite');
		await save(browser);
		const text = pdfText(saved);
		const towns = text.match(/\b\d{5} [A-ZÄÖÜ]/g) ?? [];
		assert.equal(towns.length, count, `${count} labels, one per VIP customer`);
		await (await browser.$('button=Zurück')).click();
		await tag.selectByVisibleText('alle');
	}));
