// Takes the README's screenshots from the real window: `make screenshots`.
// Loads the demo shop through the command-line tool into a fresh database first, plus one
// customer whose page is shown.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openApp, startDriver, waitForText } from './driver.mjs';

const hans = [
	'--number',
	'K-1961',
	'--first-name',
	'Hans',
	'--last-name',
	'Müller',
	'--street',
	'Hauptstraße 3',
	'--postal-code',
	'50667',
	'--city',
	'Köln',
	'--phone',
	'0221 123456',
	'--email',
	'hans.mueller@example.org',
	'--birthday',
	'14.03.1961',
	'--partner-name',
	'Gisela',
	'--partner-birthday',
	'02.12.',
	'--tag',
	'VIP',
	'--tag',
	'Weinclub',
	'--notes',
	'Zimmer 12, Sprudel in die Minibar. Ruft lieber abends an.'
];

const cli = resolve(import.meta.dirname, '../../target/debug/stammkunde-cli');
const out = resolve(import.meta.dirname, '../../docs/screenshots');
const fixture = resolve(import.meta.dirname, 'fixtures/kunden-excel.csv');
const driver = await startDriver(() => ({ STAMMKUNDE_TEST_OPEN_FILE: fixture }));
const db = join(driver.dataDir, 'stammkunde.sqlite3');
execFileSync(cli, ['--db', db, 'demo']);
execFileSync(cli, ['--db', db, 'customers', 'add', ...hans]);
const browser = await openApp();
try {
	await waitForText(browser, '.count', '301 Kunden');
	await browser.saveScreenshot(join(out, 'customers.png'));
	await (await browser.$('#customer-search')).setValue('K-1961');
	await waitForText(browser, '.count', '1 Treffer');
	await (await browser.$('=Hans Müller')).click();
	await waitForText(browser, 'h1', 'Hans Müller');
	const type = async (id, value) => {
		const input = await browser.$(`#${id}`);
		await input.clearValue();
		await input.setValue(value);
	};
	await (await browser.$('button=Kauf erfassen')).click();
	for (const [date, amount, product] of [
		['14.10.2026', '89,90', 'Wanderschuhe'],
		['03.11.2026', '1.249,00', 'Navigationsgerät']
	]) {
		await type('purchase-date', date);
		await type('purchase-amount', amount);
		await type('purchase-product', product);
		await browser.keys('Enter');
		await waitForText(browser, '.entry.purchase', product);
	}
	await (await browser.$('button=Kontakt erfassen')).click();
	await type('interaction-at', '07.11.2026 17:30');
	await type('interaction-summary', 'Nachgefragt, ob das Navi gut funktioniert. Sehr zufrieden.');
	await type('interaction-nextStep', 'Zum Geburtstag anrufen');
	await type('interaction-nextStepDue', '14.03.2027');
	await browser.keys('Enter');
	await waitForText(browser, '.entry.interaction', 'Sehr zufrieden');
	await browser.keys('Escape');
	await browser.pause(4500); // let the "saved" toasts fade out of the picture
	await browser.saveScreenshot(join(out, 'customer.png'));
	// His profile to take to a visit, as the print preview shows the core's PDF.
	await (await browser.$('button[title="Profil drucken"]')).click();
	await waitForText(browser, '[data-testid="page-count"]', '1 Seite');
	await browser.pause(1500);
	await browser.saveScreenshot(join(out, 'print-profile.png'));
	// Labels for the whole list on a sheet of another make, from the fifth label.
	await (await browser.$('nav a[href="/customers"]')).click();
	await (await browser.$('#customer-search')).click();
	await browser.keys(['Control', 'a']);
	await browser.keys('Backspace');
	await waitForText(browser, '.count', '301 Kunden');
	await (await browser.$('button=Etiketten')).click();
	await waitForText(browser, '[data-testid="page-count"]', 'Seite');
	await (await browser.$('main select')).selectByVisibleText('3 × 7, 63,5 × 38,1 mm (Avery L7160)');
	const start = await browser.$('#sheet-start');
	await start.clearValue();
	await start.setValue('5');
	await browser.pause(6000);
	// The sheet's first rows, the four used labels left empty.
	await browser.execute(() => window.scrollBy(0, 420));
	await browser.pause(500);
	await browser.saveScreenshot(join(out, 'print-labels.png'));
	await (await browser.$('nav a[href="/customers"]')).click();
	await (await browser.$('a[href="/customers/new"]')).click();
	await (await browser.$('#customer-lastName')).waitForDisplayed({ timeout: 10000 });
	await (await browser.$('#customer-lastName')).setValue('Schulz');
	await (await browser.$('#customer-email')).setValue('schulz@');
	await (await browser.$('#customer-birthday')).setValue('31.02.1990');
	await (await browser.$('button[type="submit"]')).click();
	await waitForText(browser, '#customer-email-error', 'E-Mail');
	await browser.saveScreenshot(join(out, 'customer-form.png'));
	// The demo shop has a few customers entered twice.
	await browser.keys('Escape');
	await (await browser.$('a[href="/customers/duplicates"]')).click();
	await waitForText(browser, 'table.duplicate-list td.reasons', 'gleiche');
	await browser.pause(4500);
	await browser.saveScreenshot(join(out, 'duplicates.png'));
	await (await browser.$('a=Zusammenführen')).click();
	await waitForText(browser, 'h1', 'Dubletten zusammenführen');
	await browser.saveScreenshot(join(out, 'merge.png'));
	// The import preview of a German Excel CSV with one broken row.
	await (await browser.$('nav a[href="/customers"]')).click();
	await (await browser.$('a[href="/customers/import"]')).click();
	await (await browser.$('button=Datei wählen …')).click();
	await waitForText(browser, '.problems li', 'Zeile 6');
	await browser.saveScreenshot(join(out, 'import.png'));
	// The care plan: today's agenda (the start screen), the early warning, lost customers.
	await (await browser.$('nav a[href="/agenda"]')).click();
	await browser.waitUntil(async () => (await browser.$$('li.item')).length > 0, {
		timeout: 60000,
		timeoutMsg: 'no agenda items'
	});
	await browser.pause(1500);
	await browser.saveScreenshot(join(out, 'agenda.png'));
	// The call list's print preview: the core's PDF pages.
	await (await browser.$('button=Anrufliste drucken')).click();
	await waitForText(browser, '[data-testid="page-count"]', 'Seite');
	await browser.pause(1500);
	await browser.saveScreenshot(join(out, 'print-calls.png'));
	await (await browser.$('nav a[href="/agenda"]')).click();
	await (await browser.$('nav a[href="/care/warnings"]')).click();
	await waitForText(browser, 'table.warnings td', '');
	await browser.saveScreenshot(join(out, 'warnings.png'));
	await (await browser.$('nav a[href="/care/lost"]')).click();
	await (await browser.$('img.chart')).waitForDisplayed({ timeout: 15000 });
	await browser.saveScreenshot(join(out, 'lost.png'));

	// The loyalty program: the counter with a card holder, and the program report.
	await (await browser.$('nav a[href="/loyalty"]')).click();
	const search = await browser.$('#counter-search');
	await search.waitForDisplayed({ timeout: 15000 });
	await search.setValue('m');
	await browser.keys('Enter');
	const holder = await browser.$('table.hits tr[data-card^="29"]');
	await holder.waitForExist({ timeout: 15000 });
	await search.clearValue();
	await search.setValue(await holder.getAttribute('data-card'));
	await browser.keys('Enter');
	await (await browser.$('[data-testid="counter-balance"]')).waitForDisplayed({ timeout: 15000 });
	await browser.pause(500);
	await browser.saveScreenshot(join(out, 'counter.png'));
	await (await browser.$('a[href="/loyalty/report"]')).click();
	await (await browser.$('img.chart')).waitForDisplayed({ timeout: 15000 });
	await browser.pause(500);
	await browser.saveScreenshot(join(out, 'loyalty-report.png'));

	// Backups: one made by hand, in the settings' list.
	await (await browser.$('nav a[href="/settings"]')).click();
	await (await browser.$('button=Jetzt sichern')).click();
	await waitForText(browser, 'section[aria-labelledby="backup-title"] tbody', 'Von Hand');
	await browser.execute(() => document.getElementById('backup-title')?.scrollIntoView());
	await browser.pause(4500);
	await browser.saveScreenshot(join(out, 'backups.png'));

	// Surveys: the results of the demo shop's kiosk answers, then the kiosk itself.
	await (await browser.$('nav a[href="/surveys"]')).click();
	await (await browser.$('img.chart')).waitForDisplayed({ timeout: 15000 });
	await browser.pause(500);
	await browser.saveScreenshot(join(out, 'surveys.png'));
	await (await browser.$('a[href="/surveys/kiosk"]')).click();
	await (await browser.$('#kiosk-pin-setting')).waitForDisplayed({ timeout: 10000 });
	await (await browser.$('#kiosk-pin-setting')).setValue('2468');
	await (await browser.$('#kiosk-save')).click();
	await waitForText(browser, '[data-sonner-toast]', 'gespeichert');
	await (await browser.$('#kiosk-customer-search')).setValue('Hans');
	const hit = await browser.$('.picker .hit');
	await hit.waitForDisplayed({ timeout: 10000 });
	await hit.click();
	await (await browser.$('#kiosk-survey')).selectByVisibleText('Zufriedenheit nach dem Kauf');
	await (await browser.$('#kiosk-start')).click();
	await browser.waitUntil(
		async () => {
			for (const handle of await browser.getWindowHandles()) {
				await browser.switchToWindow(handle);
				if ((await browser.execute(() => window.location.pathname)) === '/kiosk') return true;
			}
			return false;
		},
		{ timeout: 20000, timeoutMsg: 'the kiosk window did not open' }
	);
	const begin = await browser.$('button.start');
	await begin.waitForClickable({ timeout: 15000 });
	await begin.click();
	const nine = await browser.$('button[data-score="9"]');
	await nine.waitForClickable({ timeout: 15000 });
	await nine.click();
	await browser.pause(300);
	await browser.saveScreenshot(join(out, 'kiosk.png'));
} finally {
	await browser.deleteSession();
	await driver.stop();
}
