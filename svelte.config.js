import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The adapter's handler is mounted by server/index.ts; its standalone server is not used.
		adapter: adapter({ out: 'build' }),
		// Content-Security-Policy of every page (issue 15). SvelteKit adds a nonce for its inline start-up
		// script ('auto': a nonce on rendered pages, a hash on prerendered ones). Scripts, styles, fonts,
		// workers (the service worker) and connections come from this origin only; the server adds the
		// ws:// and wss:// of its host to connect-src (server/http/security-headers.ts). Style attributes
		// are allowed (Svelte writes them into its templates; they cannot run code); <style> elements are not.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-src': ['none'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
