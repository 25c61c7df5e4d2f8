import { test, before, after } from 'node:test';
import { startDriver, openApp, follow, waitForText } from './driver.mjs';
let driver;
before(async () => { driver = await startDriver(); });
after(async () => { await driver?.stop(); });
test('look', async () => {
	const browser = await openApp();
	try {
		await (await browser.$('button=Mit Beispieldaten ausprobieren')).click();
		await waitForText(browser, '.count', '300 Kunden');
		await follow(browser, '/agenda', 'Heute');
		await browser.waitUntil(async () => (await browser.$$('li.item')).length > 0, { timeout: 60000 });
		await browser.pause(1000);
		await browser.saveScreenshot('/tmp/look-agenda.png');
		await (await (await browser.$('li.item')).$('button=Kontakt erfassen')).click();
		await browser.pause(500);
		await browser.saveScreenshot('/tmp/look-agenda-log.png');
		await follow(browser, '/care/plan', 'Betreuungsplan');
		await browser.pause(800);
		await browser.saveScreenshot('/tmp/look-plan.png');
		await follow(browser, '/agenda', 'Heute');
		await follow(browser, '/care/greetings', 'Geburtstagsliste');
		await browser.pause(1500);
		await browser.saveScreenshot('/tmp/look-greetings.png');
		await follow(browser, '/care/warnings', 'Frühwarnung');
		await browser.pause(1500);
		await browser.saveScreenshot('/tmp/look-warnings.png');
		await (await browser.$('table.warnings td a')).click();
		await browser.pause(2000);
		await browser.execute(() => document.querySelector('.lost-panel')?.scrollIntoView());
		await browser.pause(500);
		await browser.saveScreenshot('/tmp/look-customer.png');
	} finally {
		await browser.deleteSession();
	}
});
