// The care plan end to end: the agenda is the start screen; logging the call of an agenda
// item takes it off the agenda and puts the call on the customer's timeline; a customer
// marked lost with a reason shows in the lost-customer statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { follow, loadDemo, useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

test('agenda: log the call of an item; mark a customer lost and see the statistics', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/agenda', 'Heute');
		// The first visit of the day works out the customer value, then shows the items.
		await browser.waitUntil(async () => (await browser.$$('li.item')).length > 0, {
			timeout: 60000,
			timeoutMsg: 'the agenda shows no items for the demo shop'
		});
		const item = await browser.$('li.item');
		const key = await item.getAttribute('data-key');
		const link = await item.$('.who a');
		const name = await link.getText();
		const href = await link.getAttribute('href');
		await (await item.$('button=Kontakt erfassen')).click();
		const summary = await browser.$('#interaction-summary');
		await summary.waitForDisplayed({ timeout: 5000 });
		await (await browser.$('#interaction-channel')).selectByAttribute('value', 'phone');
		await summary.clearValue();
		await summary.setValue('Agenda-Anruf: alles bestens');
		await (await browser.$('form button[type="submit"]')).click();
		await browser.waitUntil(
			async () => !(await (await browser.$(`li.item[data-key="${key}"]`)).isExisting()),
			{ timeout: 10000, timeoutMsg: `the logged item ${key} is still on the agenda` }
		);
		// The agenda read again still leaves it out.
		await follow(browser, '/customers', 'Kunden');
		await follow(browser, '/agenda', 'Heute');
		await browser.waitUntil(async () => (await browser.$$('li.item')).length > 0, {
			timeout: 30000
		});
		assert.equal(await (await browser.$(`li.item[data-key="${key}"]`)).isExisting(), false);

		// The call is on the customer's timeline.
		// (Its link left the agenda with the item: follow one made for the purpose.)
		const path = new URL(href, 'tauri://localhost').pathname;
		await browser.execute((p) => {
			const a = document.createElement('a');
			a.href = p;
			document.body.appendChild(a);
			a.click();
		}, path);
		await waitForText(browser, 'h1', name);
		await waitForText(browser, 'main', 'Agenda-Anruf: alles bestens');

		// Mark the customer lost for a reason.
		await (await browser.$('button=Als verloren markieren')).click();
		const reason = await browser.$('#loss-reason');
		await reason.waitForDisplayed({ timeout: 5000 });
		await reason.selectByVisibleText('Umgezogen');
		await (await browser.$('#loss-note')).setValue('Zieht nach <Hamburg>');
		await (await browser.$('button=Als verloren speichern')).click();
		await waitForText(browser, '.lost-panel', 'Verloren seit');

		await follow(browser, '/care/lost', 'Verlorene Kunden');
		await waitForText(browser, 'table.losses td', name);
		const row = await browser.$(
			`//table[contains(@class,'losses')]//tr[td/a[text()=${JSON.stringify(name)}]]`
		);
		const text = await row.getText();
		assert.match(text, /Umgezogen/);
		// The note is shown as text, not markup.
		assert.match(text, /Zieht nach <Hamburg>/);
		await waitForText(browser, 'table.by-reason td', 'Umgezogen');
		const chart = await browser.$('img.chart');
		assert.equal(await chart.isDisplayed(), true);
		assert.match(await chart.getAttribute('src'), /^data:image\/svg\+xml/);
	}));
