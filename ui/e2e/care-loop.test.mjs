// The care loop's reaching out, end to end: from a customer's page an e-mail with the
// birthday greeting is opened (the opener stubbed: the link goes to a file) with the
// greeting in the customer's form of address, and the contact is logged on the timeline
// with one click; the agenda saves the shop's dates as an .ics file; the shop's complaint
// list filters by status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { click, follow, loadDemo, useDriver, waitForText, withApp } from './driver.mjs';

let opened;
let saved;
useDriver((dataDir) => {
	opened = join(dataDir, 'opened.txt');
	saved = join(dataDir, 'Stammkunde.ics');
	return { STAMMKUNDE_TEST_OPENED: opened, STAMMKUNDE_TEST_SAVE_FILE: saved };
});

test('an e-mail with the birthday greeting is opened and the contact logged; the calendar saved', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		// A customer with an e-mail address: the search finds "example".
		await (await browser.$('#customer-search')).setValue('example.org');
		await browser.pause(800);
		await click(browser, 'tbody tr td:nth-child(2) a');
		await (await browser.$('#reach-email')).waitForDisplayed({ timeout: 10000 });
		await (await browser.$('#reach-purpose')).selectByAttribute('value', 'birthday');
		await click(browser, '#reach-email');
		await browser.waitUntil(() => existsSync(opened), { timeout: 10000 });
		const link = readFileSync(opened, 'utf8').trim();
		assert.match(link, /^mailto:[^?]+@[^?]+\?subject=/);
		const body = decodeURIComponent(link.split('body=')[1]);
		assert.match(body, /^(Liebe|Lieber|Hallo|Sehr geehrte|Sehr geehrter|Guten Tag) /);
		assert.match(body, /Geburtstag/);
		await click(browser, '#reach-log');
		await waitForText(browser, '.entry.interaction', 'E-Mail: Geburtstagsgruß');

		await follow(browser, '/agenda', 'Heute');
		await click(browser, '#calendar-save');
		await browser.waitUntil(() => existsSync(saved), { timeout: 15000 });
		const ics = readFileSync(saved, 'utf8');
		assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
		assert.ok((ics.match(/BEGIN:VEVENT/g) ?? []).length > 100, 'the demo shop has many dates');
		assert.match(ics, /RRULE:FREQ=YEARLY/);

		// The shop's complaints: all of them, then only the solved ones.
		await follow(browser, '/care/complaints', 'Beschwerden');
		await (await browser.$('#complaints-which')).selectByAttribute('value', 'all');
		await browser.waitUntil(
			async () => (await browser.$$('table.complaints tbody tr')).length > 0,
			{ timeout: 10000, timeoutMsg: 'the demo shop has complaints' }
		);
		const all = (await browser.$$('table.complaints tbody tr')).length;
		await (await browser.$('#complaints-which')).selectByAttribute('value', 'solved');
		await browser.waitUntil(
			async () => {
				const states = await browser.execute(() =>
					[...document.querySelectorAll('table.complaints tbody td:nth-child(4)')].map((td) =>
						td.textContent.trim()
					)
				);
				return states.length > 0 && states.length <= all && states.every((t) => t === 'gelöst');
			},
			{ timeout: 10000, timeoutMsg: 'only solved complaints' }
		);
	}));
