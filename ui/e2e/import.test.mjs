// Import and export end to end, in the real window: a German Excel CSV (Windows-1252,
// semicolons, a note over two lines, one broken row) through the import screen, then the
// list exported to CSV. The native file dialogs are answered by STAMMKUNDE_TEST_OPEN_FILE
// and STAMMKUNDE_TEST_SAVE_FILE.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { accessibilityViolations, follow, startDriver, waitForText, withApp } from './driver.mjs';

const fixture = resolve(import.meta.dirname, 'fixtures/kunden-excel.csv');
let driver;
let exported;
before(async () => {
	driver = await startDriver((dataDir) => {
		exported = join(dataDir, 'export.csv');
		return { STAMMKUNDE_TEST_OPEN_FILE: fixture, STAMMKUNDE_TEST_SAVE_FILE: exported };
	});
});
after(async () => {
	await driver?.stop();
});

test('imports a German Excel CSV with a broken row left out, then exports the list', () =>
	withApp(async (browser) => {
		await follow(browser, '/customers/import', 'Kunden importieren');
		await (await browser.$('button=Datei wählen …')).click();

		await waitForText(browser, '.file', 'kunden-excel.csv');
		await waitForText(browser, '.file', 'Windows-1252');
		await waitForText(browser, '.check h2', '4 Zeilen, davon 3 in Ordnung');
		await waitForText(browser, '.problems li', 'Zeile 6');
		// The headers were recognised.
		assert.equal(await (await browser.$('#map-3')).getValue(), 'lastName');
		assert.equal(await (await browser.$('#map-12')).getValue(), 'annualRevenue');
		assert.deepEqual(await accessibilityViolations(browser), [], 'import preview');

		// The broken row blocks the import until it is to be left out.
		const run = await browser.$('button*=Kunden importieren');
		assert.equal(await run.isEnabled(), false);
		await (await browser.$('label*=Zeilen mit Fehlern auslassen')).click();
		await waitForText(browser, 'button', '3 Kunden importieren');
		await (await browser.$('button*=3 Kunden importieren')).click();

		await waitForText(browser, '[data-sonner-toast]', '3 Kunden importiert.');
		await waitForText(browser, 'table.customer-list td', 'Jürgen Müller');
		await waitForText(browser, 'table.customer-list td', 'Bäckerei Schäfer GmbH');
		await (await browser.$('=Jürgen Müller')).click();
		await waitForText(browser, 'h1', 'Jürgen Müller');
		await waitForText(browser, 'main', 'Mag Rennräder.');

		await (await browser.$('nav a[href="/customers"]')).click();
		await (await browser.$('summary*=Exportieren')).click();
		await (await browser.$('button=CSV für Excel')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Gespeichert');
		assert.ok(existsSync(exported), 'the export file was written');
		const text = readFileSync(exported, 'utf8');
		assert.ok(text.startsWith('\ufeffKundennummer;Anrede'), text.slice(0, 40));
		assert.ok(text.includes('K-1;Herr;;Jürgen;Müller'), text);
	}));
