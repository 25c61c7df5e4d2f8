import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: Tauri serves index.html and the client router does the rest.
		adapter: adapter({ fallback: 'index.html' }),
		alias: { $lib: 'src/lib' }
	}
};

export default config;
