// Start-up time: from the app process's start until the agenda (the start screen) has
// drawn its first data, over several starts on one database. The process start comes from
// /proc (10 ms ticks), the moment of the first data from the page's own
// `performance.mark('stammkunde:first-data')`, so neither WebKitWebDriver's start nor the
// polling is counted; the time from asking for the window is printed beside it.
// Usage: node e2e/startup.mjs [starts=5] [customers=1000 | path/to/shop.sqlite3]
//   (run under xvfb-run; a path is copied, so the shop itself is not changed)
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openApp, startDriver } from './driver.mjs';

const starts = Number(process.argv[2] ?? 5);
const source = process.argv[3] ?? '1000';
const cli = resolve(import.meta.dirname, '../../target/release/stammkunde-cli');

const driver = await startDriver();
const db = join(driver.dataDir, 'stammkunde.sqlite3');
let what;
if (/^\d+$/.test(source)) {
	const count = Number(source);
	// One process per customer is slow but exercises the public CLI only.
	for (let i = 0; i < count; i++)
		execFileSync(cli, [
			'--db',
			db,
			'customers',
			'add',
			'--last-name',
			`Kunde ${i}`,
			'--city',
			'Köln'
		]);
	what = `${count} customers`;
} else {
	copyFileSync(resolve(source), db);
	what = source;
}

const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString());

/** When the newest `stammkunde` process started, in ms since the epoch. */
function processStart() {
	const pid = execFileSync('pgrep', ['-n', '-x', 'stammkunde']).toString().trim();
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
	// The boot time from the uptime (10 ms) rather than /proc/stat's btime (whole seconds,
	// and adjusted with the wall clock).
	const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
	const boot = Date.now() - uptime * 1000;
	return boot + (ticks * 1000) / hz;
}

const fromProcess = [];
const fromRequest = [];
try {
	for (let i = 0; i < starts; i++) {
		const asked = Date.now();
		const browser = await openApp({ atStart: true });
		await browser.waitUntil(
			() => browser.execute(() => performance.getEntriesByName('stammkunde:first-data').length > 0),
			{ timeout: 60000, interval: 50, timeoutMsg: 'the agenda showed no data' }
		);
		const shown = await browser.execute(
			() =>
				performance.timeOrigin + performance.getEntriesByName('stammkunde:first-data')[0].startTime
		);
		fromProcess.push(shown - processStart());
		fromRequest.push(shown - asked);
		await browser.deleteSession();
	}
} finally {
	await driver.stop();
}
const line = (times) => {
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)];
	return `median ${Math.round(median)} ms, min ${Math.round(times[0])} ms, max ${Math.round(times.at(-1))} ms`;
};
console.log(`start to the agenda's first data (${what}, ${starts} starts):`);
console.log(`  from the app process's start: ${line(fromProcess)}`);
console.log(`  from asking tauri-driver for the window: ${line(fromRequest)}`);
