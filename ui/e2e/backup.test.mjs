// Backups from the settings, and a damaged customer file found at start: the app refuses
// to work on it and puts the newest good backup in its place from its own screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { follow, loadDemo, useDriver, waitForText, withApp } from './driver.mjs';

const driver = useDriver();

/** Overwrites a page in the middle of the closed database file with noise. */
function damage(file) {
	const bytes = readFileSync(file);
	const middle = Math.floor(bytes.length / 2 / 4096) * 4096;
	for (let i = middle; i < middle + 4096; i++) bytes[i] ^= 0xa5;
	writeFileSync(file, bytes);
	// What the damaged file alone holds is what the check at start must judge.
	for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
}

test('backs up by hand, finds a damaged file at start and restores the newest backup', async () => {
	const db = join(driver.dataDir, 'stammkunde.sqlite3');
	await withApp(async (browser) => {
		await loadDemo(browser);
		await follow(browser, '/settings', 'Einstellungen');
		await (await browser.$('button=Jetzt sichern')).click();
		await waitForText(browser, '[data-sonner-toast]', 'Gesichert');
		await waitForText(browser, 'section[aria-labelledby="backup-title"] tbody', 'Von Hand');
	});
	const backups = readdirSync(join(driver.dataDir, 'Sicherungen'));
	assert.ok(
		backups.some((name) => /^stammkunde-.*-manual-v.*\.sqlite3$/.test(name)),
		backups.join(', ')
	);

	damage(db);
	const damaged = readFileSync(db);
	await withApp(
		async (browser) => {
			await waitForText(browser, 'h1', 'Die Kundendatei ist beschädigt');
			assert.ok(readFileSync(db).equals(damaged), 'nothing was written to the damaged file');
			const restore = await browser.$('button*=Neueste gute Sicherung');
			await restore.waitForClickable({ timeout: 15000 });
			await restore.click();
			await waitForText(browser, '[data-sonner-toast]', '300 Kunden');
			await follow(browser, '/customers', 'Kunden');
			await waitForText(browser, '.count', '300 Kunden');
		},
		{ atStart: true }
	);
	const aside = readdirSync(driver.dataDir).filter((n) => n.includes('-beschaedigt-'));
	assert.equal(aside.length, 1, readdirSync(driver.dataDir).join(', '));
	assert.ok(readFileSync(join(driver.dataDir, aside[0])).equals(damaged), 'kept aside as it was');
	assert.ok(existsSync(db));
});
