// Start-up time: from asking tauri-driver for a new app window until the customer list
// shows its rows, over several starts on a database of N customers.
// Usage: node e2e/startup.mjs [starts=5] [customers=1000]   (run under xvfb-run)
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openApp, startDriver, waitForText } from './driver.mjs';

const starts = Number(process.argv[2] ?? 5);
const count = Number(process.argv[3] ?? 1000);
const cli = resolve(import.meta.dirname, '../../target/release/stammkunde-cli');

const driver = await startDriver();
const db = join(driver.dataDir, 'stammkunde.sqlite3');
const seed = [];
for (let i = 0; i < count; i++) {
	seed.push(['--db', db, 'customers', 'add', '--last-name', `Kunde ${i}`, '--city', 'Köln']);
}
// One process per customer is slow but exercises the public CLI only.
for (const args of seed) execFileSync(cli, args);

const times = [];
try {
	for (let i = 0; i < starts; i++) {
		const begin = performance.now();
		const browser = await openApp();
		await waitForText(browser, 'table.customer-list td', 'Kunde');
		times.push(performance.now() - begin);
		await browser.deleteSession();
	}
} finally {
	await driver.stop();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
	`start to customer list (${count} customers, ${starts} starts): median ${Math.round(median)} ms, ` +
		`min ${Math.round(times[0])} ms, max ${Math.round(times.at(-1))} ms`
);
