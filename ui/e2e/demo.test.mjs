// First start: the empty list offers demo data; loading it fills the list, which then
// pages in more rows as it scrolls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

test('loads the demo shop from the empty list and scrolls through it', () =>
	withApp(async (browser) => {
		await waitForText(browser, 'h2', 'Noch keine Kunden');
		await (await browser.$('button=Mit Beispieldaten ausprobieren')).click();
		await waitForText(browser, '[data-sonner-toast]', '300 Beispielkunden');
		await waitForText(browser, '.count', '300 Kunden');
		// Only the rows in view are in the page (virtualised), not the 100 loaded.
		const rendered = async () =>
			(await browser.$$('table.customer-list tbody tr:not(.pad)')).length;
		assert.ok((await rendered()) < 60, `${await rendered()} rows rendered`);

		// Scrolling to the end again and again pages in the rest: the last row is number 300.
		const lastIndex = () =>
			browser.execute(() =>
				Number(
					document
						.querySelector('table.customer-list tbody tr[aria-rowindex]:last-of-type')
						?.getAttribute('aria-rowindex') ?? 0
				)
			);
		await browser.waitUntil(
			async () => {
				await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
				return (await lastIndex()) === 301;
			},
			{ timeout: 20000, interval: 300, timeoutMsg: 'scrolling did not reach the 300th row' }
		);
		assert.ok((await rendered()) < 60, 'still only the rows in view');
		await browser.execute(() => window.scrollTo(0, 0));

		// A demo customer has a history on the timeline. The rows re-render after the scroll
		// back to the top, so a click on a row being replaced is lost: click again while the
		// list is still showing.
		await browser.waitUntil(
			async () => {
				if ((await browser.$$('.entries > li')).length > 0) return true;
				const link = await browser.$('table.customer-list tbody tr a');
				if (await link.isExisting()) await link.click().catch(() => {});
				return false;
			},
			{
				timeout: 15000,
				interval: 500,
				timeoutMsg: 'the first demo customer did not open with a timeline'
			}
		);
	}));
