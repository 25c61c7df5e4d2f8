// First start: the empty list offers demo data; loading it fills the list, which then
// pages in more rows as it scrolls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, startDriver, waitForText } from './driver.mjs';

let driver;
before(async () => {
	driver = await startDriver();
});
after(async () => {
	await driver?.stop();
});

test('loads the demo shop from the empty list and scrolls through it', async () => {
	const browser = await openApp();
	try {
		await waitForText(browser, 'h2', 'Noch keine Kunden');
		await (await browser.$('button=Mit Beispieldaten ausprobieren')).click();
		await waitForText(browser, '[data-sonner-toast]', '300 Beispielkunden');
		await waitForText(browser, '.count', '300 Kunden');
		const firstPage = (await browser.$$('table.customer-list tbody tr')).length;
		assert.equal(firstPage, 100);

		await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
		await browser.waitUntil(
			async () => (await browser.$$('table.customer-list tbody tr')).length > 100,
			{ timeout: 10000, timeoutMsg: 'scrolling to the end loaded no more rows' }
		);

		// A demo customer has a history on the timeline.
		await (await browser.$('table.customer-list tbody tr a')).click();
		await browser.waitUntil(async () => (await browser.$$('.entries > li')).length > 0, {
			timeout: 10000,
			timeoutMsg: 'the first demo customer has an empty timeline'
		});
	} finally {
		await browser.deleteSession();
	}
});
