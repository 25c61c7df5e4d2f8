import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/api/bindings.ts'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The generated bindings are the only door to the backend; everything else goes
		// through $lib/api.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/lib/api/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [{ group: ['@tauri-apps/api', '@tauri-apps/api/*'], message: 'Use $lib/api.' }]
				}
			]
		}
	}
);
