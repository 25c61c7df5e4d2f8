// The survey kiosk end to end: the owner sets the PIN, links a customer and starts the
// kiosk; it opens as its own window, the main window hides. In the kiosk: only the first
// name shows; a command outside the kiosk's capability is refused; it cannot navigate
// elsewhere and F5 does not reload it. A customer answers every question, sees the thanks,
// and the kiosk starts over by itself; a half-answered survey is reset after the idle
// time. A wrong PIN does not end the kiosk, the right one does; the answers are in the
// results, the comment is on the customer's timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { click, follow, loadDemo, switchTo, useDriver, waitForText, withApp } from './driver.mjs';

useDriver();

test('kiosk: answer, thanks, reset, idle reset, contained, PIN exit, results', () =>
	withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/surveys', 'Umfragen');

		// A new survey from the editor: NPS, a star rating, a free comment.
		await follow(browser, '/surveys/templates', 'Umfragen bearbeiten');
		await click(browser, 'a=Neue Umfrage');
		await (await browser.$('#survey-title')).waitForDisplayed({ timeout: 10000 });
		await click(browser, 'button=Speichern');
		await waitForText(browser, '.error', 'Bitte ausfüllen.');
		await (await browser.$('#survey-title')).setValue('Werkstatt <Test>');
		await (
			await browser.$('.questions li:nth-child(1) input')
		).setValue('Würden Sie uns empfehlen?');
		await click(browser, 'button=Frage hinzufügen');
		await (await browser.$('.questions li:nth-child(2) input')).setValue('Wie war die Reparatur?');
		await click(browser, 'button=Frage hinzufügen');
		await (await browser.$('.questions li:nth-child(3) input')).setValue('Was sollen wir wissen?');
		await (
			await browser.$('.questions li:nth-child(3) select')
		).selectByAttribute('value', 'longText');
		await click(browser, 'button=Speichern');
		await waitForText(browser, '[data-sonner-toast]', 'gespeichert');
		await waitForText(browser, 'td', 'Werkstatt <Test>');

		await follow(browser, '/surveys/kiosk', 'Kiosk');
		const main = await browser.getWindowHandle();

		// Without a PIN the kiosk cannot start; a bad PIN and idle time are refused by field.
		assert.equal(await (await browser.$('#kiosk-start')).isEnabled(), false);
		await (await browser.$('#kiosk-idle')).setValue('5');
		await (await browser.$('#kiosk-pin-setting')).setValue('12');
		await click(browser, '#kiosk-save');
		await waitForText(browser, '.error', 'Bitte eine Zahl von 15 bis 600.');
		await waitForText(browser, '.error', 'Bitte eine Zahl von 4 bis 8.');
		await (await browser.$('#kiosk-idle')).setValue('15');
		await (await browser.$('#kiosk-pin-setting')).setValue('2468');
		await click(browser, '#kiosk-save');
		await waitForText(browser, '[data-sonner-toast]', 'Kiosk-Einstellungen gespeichert');

		// Link a customer: search, pick the first hit.
		await (await browser.$('#kiosk-customer-search')).setValue('Mül');
		const hit = await browser.$('.picker .hit[data-kind="person"]');
		await hit.waitForDisplayed({ timeout: 10000 });
		const fullName = await (await hit.$('strong')).getText();
		await hit.click();
		await waitForText(browser, '[data-testid="kiosk-customer"]', fullName);
		const [firstName, ...rest] = fullName.split(' ');
		const lastName = rest.join(' ');
		const survey = await browser.$('#kiosk-survey');
		await survey.selectByVisibleText('Werkstatt <Test>');
		await click(browser, '#kiosk-start');

		// The kiosk is its own window on its own page; the main window is hidden.
		const kiosk = await switchTo(browser, '/kiosk');
		assert.notEqual(kiosk, main);
		await waitForText(browser, '.hello', `Hallo ${firstName}!`);
		const page = await browser.$('main.kiosk').getText();
		assert.ok(!page.includes(lastName), `the kiosk shows no last name (${lastName})`);

		// Containment: the capability refuses any other command; no other route; no reload.
		const refused = await browser.executeAsync((done) => {
			window.__TAURI_INTERNALS__
				.invoke('customers_list', {
					filter: { query: '', sort: 'name' },
					after: null,
					limit: 5
				})
				.then(() => done('allowed'))
				.catch((e) => done(`refused: ${typeof e === 'string' ? e : JSON.stringify(e)}`));
		});
		assert.match(refused, /^refused: .*not allowed/i, refused);
		const status = await browser.executeAsync((done) => {
			window.__TAURI_INTERNALS__
				.invoke('app_status')
				.then(() => done('allowed'))
				.catch(() => done('refused'));
		});
		assert.equal(status, 'refused');
		await browser.execute(() => {
			window.__kioskMark = 'still here';
			window.location.assign('/customers');
		});
		await sleep(1500);
		assert.equal(await browser.execute(() => window.location.pathname), '/kiosk');
		assert.equal(await browser.execute(() => window.__kioskMark), 'still here');
		await browser.execute(() => history.pushState({}, '', '/customers'));
		await browser.execute(() => window.dispatchEvent(new PopStateEvent('popstate')));
		await sleep(500);
		assert.ok(await (await browser.$('.hello')).isDisplayed(), 'the kiosk page stays');
		await browser.execute(() => history.replaceState({}, '', '/kiosk'));
		await browser.keys(['F5']);
		await browser.keys(['Control', 'r']);
		await sleep(1500);
		assert.equal(await browser.execute(() => window.__kioskMark), 'still here', 'no reload');

		// A customer answers every question.
		await click(browser, 'button.start');
		await waitForText(browser, '.progress-text', 'Frage 1 von 3');
		await waitForText(browser, 'legend', 'Würden Sie uns empfehlen?');
		await click(browser, 'button[data-score="9"]');
		await click(browser, 'button=Weiter');
		await waitForText(browser, '.progress-text', 'Frage 2 von 3');
		// The rating is optional: "Überspringen" until something is chosen.
		await waitForText(browser, '.actions button', 'Überspringen');
		await click(browser, 'button[data-score="4"]');
		await click(browser, 'button=Weiter');
		await waitForText(browser, '.progress-text', 'Frage 3 von 3');
		await (await browser.$('textarea')).setValue('Sehr nette Beratung <b>danke</b>');
		await click(browser, 'button=Absenden');
		await waitForText(browser, '.thanks h1', 'Vielen Dank!');
		// Ready for the next person on its own (8 s thanks).
		await (await browser.$('button.start')).waitForDisplayed({ timeout: 15000 });
		assert.ok(!(await (await browser.$('.thanks')).isExisting()));

		// Half answered and left alone: after 15 s the kiosk starts over.
		await click(browser, 'button.start');
		await click(browser, 'button[data-score="8"]');
		await click(browser, 'button=Weiter');
		await waitForText(browser, '.progress-text', 'Frage 2 von 3');
		await (await browser.$('button.start')).waitForDisplayed({ timeout: 25000 });

		// A wrong PIN does not end the kiosk; the right one does.
		await click(browser, 'button.leave');
		await (await browser.$('#kiosk-pin')).setValue('1357');
		await click(browser, 'button[type="submit"]');
		await waitForText(browser, '[data-testid="pin-error"]', 'Falsche PIN');
		assert.equal(await browser.execute(() => window.location.pathname), '/kiosk');
		for (const digit of ['2', '4', '6', '8'])
			await click(browser, `button.key[aria-label="${digit}"]`);
		await click(browser, 'button[type="submit"]');
		await browser.waitUntil(async () => !(await browser.getWindowHandles()).includes(kiosk), {
			timeout: 10000,
			timeoutMsg: 'the kiosk window did not close'
		});
		await browser.switchToWindow(main);

		// The results hold both responses (one complete, one partial) and the comment.
		await follow(browser, '/surveys', 'Umfragen');
		const select = await browser.$('[data-testid="results-survey"]');
		await select.selectByVisibleText('Werkstatt <Test> (2)');
		await waitForText(browser, '[data-figure="responses"]', '2');
		await waitForText(browser, 'dd.small', 'davon 1 vollständig');
		// NPS over 9 (promoter) and 8 (passive, from the partial one): 50 % − 0 % = 50.
		assert.equal(await (await browser.$('[data-figure="nps"]')).getText(), '50,0');
		await waitForText(browser, 'dd.small', '1 Förderer · 1 Neutrale · 0 Kritiker');
		// CSAT over the one rating, a 4: 100 %.
		assert.equal(await (await browser.$('[data-figure="csat"]')).getText(), '100,0 %');
		await waitForText(browser, '.comments blockquote', 'Sehr nette Beratung <b>danke</b>');
		await waitForText(browser, '.comments .meta', fullName);

		// The customer's timeline shows the answers.
		await (await browser.$('.comments .meta a')).click();
		await waitForText(browser, 'h1', fullName);
		await waitForText(browser, '.entry.survey', 'Sehr nette Beratung <b>danke</b>');
		await waitForText(browser, '.entry.survey', '9 von 10');
	}));
