// The customer value screen on demo data: the portfolio matrix and the ABC chart show,
// and a click on "Entwicklungskunden" lists exactly those customers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { follow, loadDemo, startDriver, waitForText, withApp } from './driver.mjs';

let driver;
let chartFile;
before(async () => {
	// The native save dialog answers with this path.
	driver = await startDriver((dataDir) => {
		chartFile = join(dataDir, 'portfolio.png');
		return { STAMMKUNDE_TEST_SAVE_FILE: chartFile };
	});
});
after(async () => {
	await driver?.stop();
});

test('shows the matrix and the ABC chart and opens the development customers', () =>
	withApp(async (browser) => {
		await waitForText(browser, 'h2', 'Noch keine Kunden');
		await loadDemo(browser);

		await follow(browser, '/value', 'Kundenwert');
		// The first visit works the value out and draws both charts.
		for (const chart of ['img.portfolio-chart', 'img.pareto-chart']) {
			const img = await browser.$(chart);
			await img.waitForExist({ timeout: 30000, timeoutMsg: `${chart} did not show` });
			await browser.waitUntil(
				() => browser.execute((el) => el.complete && el.naturalWidth > 0, img),
				{ timeout: 10000, timeoutMsg: `${chart} did not load` }
			);
		}
		await waitForText(browser, '.model', 'Berechnet am');
		// Saved as PNG: a real PNG file where the dialog said.
		await (await browser.$('summary=Diagramm speichern')).click();
		await (await browser.$('button=Als PNG')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Gespeichert');
		const png = readFileSync(chartFile);
		assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
		assert.ok(png.length > 20000, `${png.length} bytes`);
		// The owner's settings: a wrong pair of ABC limits is refused by field, a shorter
		// horizon is kept and the value worked out again.
		await (await browser.$('summary=Einstellungen der Berechnung')).click();
		const limitA = await browser.$('#value-a');
		await limitA.waitForExist({ timeout: 10000 });
		await limitA.setValue('96');
		await (await browser.$('button=Speichern und neu berechnen')).click();
		await waitForText(browser, '#value-a-error', 'passen nicht zusammen');
		await limitA.setValue('80');
		await (await browser.$('#value-years')).setValue('5');
		await (await browser.$('button=Speichern und neu berechnen')).click();
		await waitForText(browser, '.model', 'Wert über 5 Jahre', 30000);
		// An own criterion for the score.
		await (await browser.$('#indicator-name')).setValue('Empfiehlt uns weiter');
		await (await browser.$('button=Hinzufügen')).click();
		await waitForText(browser, '.indicators li', 'Empfiehlt uns weiter');

		const card = await browser.$('button[data-group="development"]');
		const text = await card.getText();
		assert.match(text, /Entwicklungskunden/);
		const expected = Number(text.match(/([\d.]+) Kunden/)[1].replace('.', ''));
		assert.ok(expected > 0, text);
		await waitForText(browser, 'button[data-group="A"]', 'A-Kunden');

		await card.click();
		await waitForText(browser, 'h1', 'Kunden');
		await waitForText(
			browser,
			'.count',
			`${expected} Kunden · Kundenwert: Entwicklungskunden`,
			20000
		);
		// Each listed customer shows a phase and a score from the analysis.
		const firstScore = await browser.$('table.customer-list tbody tr:not(.pad) .score');
		assert.match(await firstScore.getText(), /^\d+$/);
		// On the customer page the criterion can be marked.
		await (await browser.$('table.customer-list tbody tr:not(.pad) a')).click();
		const mark = await browser.$('.marks select');
		await mark.waitForExist({ timeout: 15000, timeoutMsg: 'no mark for the criterion' });
		await mark.selectByVisibleText('5');
		await waitForText(browser, '[data-sonner-toast]', 'gespeichert');
	}));
