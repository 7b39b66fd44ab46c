/**
 * The service worker (src/service-worker.ts) caches pages and the start-up JSON as they pass
 * through it, but the first page load happens before it controls the page. Once it takes control,
 * the current page and the start-up reads are fetched again through it, so that this very page
 * opens offline next time.
 */
const START_UP_READS = ['/api/me', '/api/agencies', '/api/boards'];

export function warmOfflineShell(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	if (navigator.serviceWorker.controller) return;
	navigator.serviceWorker.addEventListener(
		'controllerchange',
		() => {
			const page = fetch(location.pathname + location.search, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
			const reads = START_UP_READS.map((url) => fetch(url, { credentials: 'same-origin' }));
			void Promise.allSettled([page, ...reads]);
		},
		{ once: true }
	);
}
