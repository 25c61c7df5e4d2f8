/** Backups of the customer file: status, list, backup by hand, the folder, restore. */
import { commands } from './bindings';
import { unwrap } from './call';

export const backupApi = {
	backupStatus: () => unwrap(commands.backupStatus()),
	backups: () => unwrap(commands.backupList()),
	backupNow: () => unwrap(commands.backupNow()),
	chooseBackupFolder: () => unwrap(commands.backupChooseFolder()),
	resetBackupFolder: () => unwrap(commands.backupResetFolder()),
	restoreBackup: (path: string) => unwrap(commands.backupRestore(path))
};
