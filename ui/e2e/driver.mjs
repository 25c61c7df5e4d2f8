// Drives the real Stammkunde window through tauri-driver + WebKitWebDriver.
// Each test file gets its own database file; the app binary comes from STAMMKUNDE_APP or
// the debug build that `make test` makes (with the UI embedded).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';
import { after, before } from 'node:test';
import { remote } from 'webdriverio';

const PORT = 4444;
export const application = resolve(
	process.env.STAMMKUNDE_APP ?? join(import.meta.dirname, '../../target/debug/stammkunde')
);

function portOpen(port) {
	return new Promise((done) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.end(), done(true)));
		socket.once('error', () => done(false));
	});
}

/** Starts tauri-driver with a fresh database directory; returns it and a stop function.
 * `env(dataDir)` may add variables for the app, e.g. the answers of the file dialogs. */
export async function startDriver(env = () => ({})) {
	if (!existsSync(application)) throw new Error(`app binary not found: ${application}`);
	if (await portOpen(PORT))
		throw new Error(`port ${PORT} is taken: is another tauri-driver running?`);
	const dataDir = mkdtempSync(join(tmpdir(), 'stammkunde-e2e-'));
	// The driver, WebKitWebDriver and every app they start share one process group, so
	// stop() can end all of them. Their output goes to a log file: a straggler must never
	// hold the test runner's output pipe open.
	const log = join(dataDir, 'tauri-driver.log');
	const out = openSync(log, 'a');
	const driver = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', ['--port', String(PORT)], {
		env: {
			...process.env,
			STAMMKUNDE_DB: join(dataDir, 'stammkunde.sqlite3'),
			// German is the product's first language; the tests read German labels.
			LANG: 'de_DE.UTF-8',
			LC_ALL: '',
			...env(dataDir)
		},
		stdio: ['ignore', out, out],
		detached: true
	});
	closeSync(out);
	for (let i = 0; i < 100 && !(await portOpen(PORT)); i++) await sleep(100);
	return {
		dataDir,
		log,
		stop: async () => {
			// SIGTERM, not SIGKILL, first: tauri-driver then stops WebKitWebDriver too.
			signalGroup(driver.pid, 'SIGTERM');
			const exited = new Promise((done) =>
				driver.exitCode !== null ? done() : driver.once('exit', done)
			);
			await Promise.race([exited, sleep(3000)]);
			// Whatever is left of the group (an app window that did not close) goes now.
			signalGroup(driver.pid, 'SIGKILL');
			// The database and the driver's log go with the driver (a copied demo shop is
			// ~900 MB); STAMMKUNDE_E2E_KEEP=1 keeps them to look at.
			if (process.env.STAMMKUNDE_E2E_KEEP) console.log(`kept ${dataDir}`);
			else rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
		}
	};
}

/** Starts a driver (and its fresh database) before the file's tests and stops it after
 * them; the returned object gets `startDriver`'s `dataDir`, `log` and `stop` once started. */
export function useDriver(env) {
	const driver = {};
	before(async () => Object.assign(driver, await startDriver(env)));
	after(async () => await driver.stop?.());
	return driver;
}

/** Opens an app window, runs `steps(browser)` in it and closes the window, also when a
 * step fails. */
export async function withApp(steps, options) {
	const browser = await openApp(options);
	try {
		return await steps(browser);
	} finally {
		await browser.deleteSession();
	}
}

/** Types `value` into the field with the id `id`, replacing what it held. */
export async function type(browser, id, value) {
	const input = await browser.$(`#${id}`);
	await input.waitForDisplayed({ timeout: 10000 });
	await input.clearValue();
	await input.setValue(value);
}

/** Loads the demo shop from the empty customer list and waits for its 300 customers. */
export async function loadDemo(browser) {
	await (await browser.$('button=Mit Beispieldaten ausprobieren')).click();
	await waitForText(browser, '.count', '300 Kunden');
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** Opens a new app window (a new process of the app). It starts on the agenda; unless
 * `atStart`, this goes on to the customer list, where most tests begin. */
export async function openApp({ atStart = false } = {}) {
	const browser = await remote({
		hostname: '127.0.0.1',
		port: PORT,
		logLevel: 'warn',
		capabilities: {
			'tauri:options': { application },
			'wdio:enforceWebDriverClassic': true
		}
	});
	await browser.setTimeout({ implicit: 0 });
	if (!atStart) {
		await browser.waitUntil(
			async () => {
				const path = await browser.execute(() => window.location.pathname);
				if (path === '/customers') return true;
				const link = await browser.$('nav a[href="/customers"]');
				if (await link.isExisting()) await link.click().catch(() => {});
				return false;
			},
			{ timeout: 20000, interval: 300, timeoutMsg: 'the customer list did not open' }
		);
		// The list has loaded (its count, or the empty state): a click on a link of a
		// screen still being drawn would be lost.
		await browser.waitUntil(async () => (await browser.$$('main .count, main h2')).length > 0, {
			timeout: 20000,
			interval: 200,
			timeoutMsg: 'the customer list did not load'
		});
	}
	return browser;
}

/** Switches to the window whose page is `path` (the kiosk, the lock screen), waiting for
 * it to appear; returns its handle. */
export async function switchTo(browser, path, timeout = 20000) {
	let found = null;
	await browser.waitUntil(
		async () => {
			for (const handle of await browser.getWindowHandles()) {
				await browser.switchToWindow(handle);
				const here = await browser.execute(() => window.location.pathname).catch(() => '');
				if (here === path) {
					found = handle;
					return true;
				}
			}
			return false;
		},
		{ timeout, interval: 300, timeoutMsg: `no window shows ${path}` }
	);
	return found;
}

/** Clicks the element `selector` once it is shown, scrolled into view and clickable. */
export async function click(browser, selector) {
	const el = await browser.$(selector);
	await el.waitForDisplayed({ timeout: 10000 });
	await el.scrollIntoView({ block: 'center' });
	await el.waitForClickable({ timeout: 10000 });
	await el.click();
}

/** Waits for an element matching `selector` whose text contains `text`. */
export async function waitForText(browser, selector, text, timeout = 15000) {
	await browser.waitUntil(
		async () => {
			const elements = await browser.$$(selector);
			for (const el of elements) if ((await el.getText()).includes(text)) return true;
			return false;
		},
		{ timeout, timeoutMsg: `no ${selector} containing "${text}" within ${timeout} ms` }
	);
}

/** Clicks the link to `href` until a screen with the heading `heading` shows: a click on a
 * link that the starting or re-rendering page is replacing is lost. */
export async function follow(browser, href, heading) {
	await browser.waitUntil(
		async () => {
			const h1 = await browser.$('h1');
			if ((await h1.isExisting()) && (await h1.getText()) === heading) return true;
			const link = await browser.$(`a[href="${href}"]`);
			if (await link.isExisting()) await link.click().catch(() => {});
			return false;
		},
		{ timeout: 15000, interval: 500, timeoutMsg: `"${heading}" did not open from ${href}` }
	);
}

/** Clicks "Rückgängig" on the toast whose text contains `text` (other toasts may still be
 * on screen). Undo toasts stay 10 s; this waits up to 8 s for it to show. A click while the
 * toasts still slide into place can miss (seen under load in CI): it clicks again until the
 * toast is leaving, never on a toast already leaving (that would undo twice). */
export async function clickUndo(browser, text) {
	const button = await browser.$(
		`//li[@data-sonner-toast][not(@data-removed='true')][contains(., ${JSON.stringify(text)})]//button[contains(., 'Rückgängig')]`
	);
	await button.waitForClickable({ timeout: 8000, timeoutMsg: `no Undo toast for "${text}"` });
	await browser.waitUntil(
		async () => {
			if (!(await button.isExisting())) return true;
			await button.click().catch(() => {});
			return false;
		},
		{ timeout: 8000, interval: 1000, timeoutMsg: `the Undo of "${text}" did not take` }
	);
}

const axeSource = readFileSync(
	resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'),
	'utf8'
);

/** Runs axe-core (WCAG 2 A and AA rules) on the current screen; returns the violations. */
export async function accessibilityViolations(browser) {
	await browser.execute(axeSource);
	for (let attempt = 1; ; attempt++) {
		// A toast fading in or out is half transparent: axe would measure its contrast
		// mid-way (seen in CI). Wait until every toast is fully in and none is leaving.
		await browser.waitUntil(
			() =>
				browser.execute(() =>
					[...document.querySelectorAll('[data-sonner-toast]')].every(
						(t) =>
							t.getAttribute('data-mounted') === 'true' && t.getAttribute('data-removed') !== 'true'
					)
				),
			{ timeout: 10000, interval: 100, timeoutMsg: 'a toast kept animating' }
		);
		await browser.pause(600);
		const violations = await browser.executeAsync((done) => {
			// eslint-disable-next-line no-undef
			axe
				.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })
				.then((r) =>
					done(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`))
				);
		});
		// A toast that began to leave while axe ran (its time was up): measured again once
		// it is gone, never counted.
		const leaving = violations.some((v) => v.includes('[data-removed="true"]'));
		if (!leaving || attempt === 3) return violations;
	}
}
