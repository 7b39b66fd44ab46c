/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline app shell. The built scripts and styles are cached at install; each page's HTML and the
 * few JSON reads the shell needs to start (who is signed in, the directory, the board list) are
 * fetched from the network first and answered from the cache when it fails. Board documents
 * themselves live in IndexedDB (y-indexeddb), so a board opened once opens again offline.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS = `phoihop-assets-${version}`;
const PAGES = 'phoihop-pages';
/** Signed-in data: the page deletes this cache on sign-out (see session.svelte.ts). */
const API = 'phoihop-api';
const SHELL_KEY = '/__shell';

/**
 * JSON reads the shell needs to start offline; everything else under /api stays network-only. (The
 * people met are kept by the page itself, session.svelte.ts.)
 */
const OFFLINE_API = [/^\/api\/me$/, /^\/api\/agencies$/, /^\/api\/boards$/, /^\/api\/boards\/[^/]+$/];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(ASSETS);
			await cache.addAll([...build, ...files]);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith('phoihop-assets-') && key !== ASSETS) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

async function networkFirst(request: Request, cacheName: string, fallbackKey?: string): Promise<Response> {
	const cache = await caches.open(cacheName);
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic') {
			await cache.put(request, response.clone());
			if (fallbackKey) await cache.put(fallbackKey, response.clone());
		}
		return response;
	} catch (error) {
		const cached = (await cache.match(request)) ?? (fallbackKey ? await cache.match(fallbackKey) : undefined);
		if (cached) return cached;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;

	if (url.pathname.startsWith('/_app/') || files.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (url.pathname.startsWith('/api/')) {
		if (!url.search && OFFLINE_API.some((re) => re.test(url.pathname))) event.respondWith(networkFirst(request, API));
		return;
	}
	// A navigation, or the page fetched again by offline-shell.ts once this worker took control.
	if (request.mode === 'navigate' || request.headers.get('accept') === 'text/html') {
		// Every page is the same client-rendered shell; the last one fetched stands in for any page.
		event.respondWith(networkFirst(request, PAGES, SHELL_KEY));
	}
});
