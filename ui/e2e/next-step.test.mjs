// The next step ★ end to end: after the value analysis a customer's page suggests
// measures from the field and phase; the best one is assigned to a new employee, whose
// agenda ("Aufgaben von") then holds exactly that task; done on the customer's page, it
// is on the timeline and gone from her agenda. A new product added on the care plan
// page reaches customers by their interests (the list shows how many).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { click, follow, loadDemo, type, useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

const NAME = 'Nora Neu';

/** The agenda's items for whoever is chosen in "Aufgaben von". */
async function agendaItems(browser) {
	return browser.execute(() =>
		[...document.querySelectorAll('li.item')].map((li) => li.textContent.replace(/\s+/g, ' '))
	);
}

test('a next step assigned on the customer page shows on the employee agenda and is done', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/settings', 'Einstellungen');
		await type(browser, 'new-employee', NAME);
		await click(browser, 'button=Hinzufügen');
		await waitForText(browser, 'main', NAME);

		// The agenda runs the day's value analysis: fields and phases exist after it.
		await follow(browser, '/agenda', 'Heute');
		await browser.waitUntil(
			async () =>
				(await browser.$$('li.item')).length > 0 &&
				(await browser.$$('.notice[aria-busy="true"]')).length === 0,
			{ timeout: 60000, timeoutMsg: 'the agenda with the analysis did not show' }
		);

		// The first customers of the list until one has suggestions (one who bought).
		let customer = null;
		for (let row = 1; row <= 5 && !customer; row++) {
			await follow(browser, '/customers', 'Kunden');
			await click(browser, `tbody tr:nth-child(${row}) td:nth-child(2) a`);
			await (await browser.$('#next-step h2')).waitForDisplayed({ timeout: 15000 });
			await browser.waitUntil(
				async () => (await browser.$$('#next-step [aria-busy="true"]')).length === 0,
				{ timeout: 15000 }
			);
			if ((await browser.$$('#next-step ol.suggestions li')).length > 0) {
				// The name without "Frau"/"Herr" and title.
				customer = await browser.execute(() => {
					const h1 = document.querySelector('h1');
					const salutation = h1?.querySelector('.salutation')?.textContent ?? '';
					return (h1?.textContent ?? '').replace(salutation, '').trim();
				});
			}
		}
		assert.ok(customer, 'one of the first five customers has a next step');
		const segment = await (await browser.$('#next-step .segment')).getText();
		assert.match(segment, /Phase .+ → /, 'field, phase and aim');
		const best = await (await browser.$('#next-step ol.suggestions li strong')).getText();

		await click(browser, '#next-step ol.suggestions li .step-assign');
		await (await browser.$('#step-assignee')).selectByVisibleText(NAME);
		await click(browser, '#step-assign-save');
		await waitForText(browser, '#next-step ul.assigned li', best);
		await waitForText(browser, '#next-step ul.assigned li', NAME);
		await waitForText(browser, '.entry.step', 'Nächster Schritt zugewiesen');
		const page = await browser.getUrl();

		// Nora's agenda: exactly this task.
		await follow(browser, '/agenda', 'Heute');
		await (await browser.$('#agenda-owner')).waitForDisplayed({ timeout: 10000 });
		await (await browser.$('#agenda-owner')).selectByVisibleText(NAME);
		await browser.waitUntil(
			async () => {
				const items = await agendaItems(browser);
				return items.length === 1 && items[0].includes(customer);
			},
			{
				timeout: 15000,
				timeoutMsg: `the agenda of ${NAME} holds the one task, about ${customer}`
			}
		);
		const [item] = await agendaItems(browser);
		assert.match(item, new RegExp(`Zugewiesen: ${best.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		assert.ok(item.includes(`durch ${NAME}`), item);

		// Done on the customer's page: on the timeline, gone from Nora's agenda.
		await browser.url(page);
		await click(browser, '#next-step ul.assigned li .step-done');
		await waitForText(browser, '.entry.step', 'Nächster Schritt erledigt');
		await browser.waitUntil(
			async () => (await browser.$$('#next-step ul.assigned li')).length === 0,
			{
				timeout: 10000,
				timeoutMsg: 'the assigned step left the panel'
			}
		);
		await follow(browser, '/agenda', 'Heute');
		await (await browser.$('#agenda-owner')).selectByVisibleText(NAME);
		await waitForText(browser, 'h2.empty', 'nichts an');
	}));

test('a new product reaches customers by their interests', () =>
	withApp(async (browser) => {
		// The file's first test loaded the demo shop already (one database per file).
		if ((await browser.$$('button=Mit Beispieldaten ausprobieren')).length > 0) {
			await loadDemo(browser);
		}
		await follow(browser, '/agenda', 'Heute');
		await follow(browser, '/care/plan', 'Betreuungsplan');
		// The demo shop comes with two new products, each reaching someone.
		await browser.waitUntil(async () => (await browser.$$('table.news tbody tr')).length === 2, {
			timeout: 15000,
			timeoutMsg: 'the demo has two new products'
		});
		await click(browser, '#news-add');
		await type(browser, 'news-name', 'Gartenschere Pro');
		await type(browser, 'news-keywords', 'Garten');
		await click(browser, 'button=Neuheit speichern');
		await waitForText(browser, 'table.news tbody tr', 'Gartenschere Pro');
		const reach = await browser.execute(
			() =>
				[...document.querySelectorAll('table.news tbody tr')]
					.find((tr) => tr.textContent.includes('Gartenschere Pro'))
					?.querySelector('td.number')?.textContent ?? ''
		);
		const count = Number(reach.replace(/\D/g, ''));
		assert.ok(count > 0, `customers interested in gardening: ${reach}`);
		// Neither a name nor a category or word: refused by field (sent with Enter).
		await click(browser, '#news-add');
		await click(browser, '#news-name');
		await browser.keys('Enter');
		await (await browser.$('#news-name-error')).waitForDisplayed({ timeout: 10000 });
		await (await browser.$('#news-category-error')).waitForDisplayed({ timeout: 10000 });
	}));
