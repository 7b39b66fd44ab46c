import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The adapter's handler is mounted by server/index.ts; its standalone server is not used.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
