// Purchases from a file, end to end: a file with an unknown customer and a bad date is
// refused with its lines and writes nothing; corrected, it is checked again and imported,
// and the purchase shows on the customer's timeline. The native open dialog is answered
// by STAMMKUNDE_TEST_OPEN_FILE, pointing at a file the test writes.
import { after, before, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { follow, loadDemo, openApp, startDriver, waitForText } from './driver.mjs';

let driver;
let file;
before(async () => {
	driver = await startDriver((dataDir) => {
		file = join(dataDir, 'kaeufe.csv');
		return { STAMMKUNDE_TEST_OPEN_FILE: file };
	});
});
after(async () => {
	await driver?.stop();
});

test('checks a purchases file, shows its problems by line, then imports it', async () => {
	writeFileSync(
		file,
		'Kundennummer;Datum;Betrag;Artikel\r\n' +
			'10001;03.11.2026;1.234,56;Importierter Kühlschrank\r\n' +
			'99999;04.11.2026;10,00;Niemand\r\n' +
			'10002;31.02.2026;5,00;Falsches Datum\r\n'
	);
	const browser = await openApp();
	try {
		await loadDemo(browser);
		await follow(browser, '/customers/import', 'Kunden importieren');
		await follow(browser, '/customers/import/purchases', 'Käufe importieren');
		await (await browser.$('button=Datei wählen …')).click();
		await waitForText(browser, 'section h2', '2 Fehler');
		await waitForText(browser, '.problems', 'Zeile 3');
		await waitForText(browser, '.problems', 'Zeile 4');

		writeFileSync(
			file,
			'Kundennummer;Datum;Betrag;Artikel\r\n' +
				'10001;03.11.2026;1.234,56;Importierter Kühlschrank\r\n' +
				'10002;28.02.2026;5,00;Entkalker\r\n'
		);
		await (await browser.$('button=Erneut prüfen')).click();
		await waitForText(browser, 'section h2', '2 Käufe in Ordnung');
		await (await browser.$('button=2 Käufe importieren')).click();
		await waitForText(browser, '[data-sonner-toast]', '2 Käufe importiert.');

		// Customer 10001 has the purchase on the timeline.
		await (await browser.$('input[type="search"]')).setValue('10001');
		await browser.waitUntil(
			async () => (await browser.$$('table.customer-list tbody tr a')).length === 1,
			{ timeout: 10000, timeoutMsg: 'the search did not find customer 10001 alone' }
		);
		await waitForText(browser, 'table.customer-list tbody', '10001');
		await (await browser.$('table.customer-list tbody tr a')).click();
		await waitForText(browser, '.entries', 'Importierter Kühlschrank');
		await waitForText(browser, '.entries', '1.234,56');
	} finally {
		await browser.deleteSession();
	}
});
