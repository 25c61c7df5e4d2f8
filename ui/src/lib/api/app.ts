/** The app itself: status, language, the demo shop. */
import { commands } from './bindings';
import { unwrap } from './call';
import type { LanguageChoice } from './types';

export const appApi = {
	appStatus: () => unwrap(commands.appStatus()),
	/** The status once the check at start (which runs beside the first reads) has ended. */
	appChecked: () => unwrap(commands.appChecked()),
	setLanguage: (language: LanguageChoice) => unwrap(commands.settingsSetLanguage(language)),
	loadDemo: () => unwrap(commands.demoLoad())
};
