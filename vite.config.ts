import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// In `npm run dev` the API and sync live on the Node server (npm start); proxy to it.
		proxy: {
			'/api': 'http://localhost:3000',
			'/sync': { target: 'ws://localhost:3000', ws: true }
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
