/**
 * Where to go after signing in: the `next` parameter if it is a path of this site, else the home page.
 * Anything else ("//evil.example", "https://…", "/\\evil") would turn the sign-in page into an open redirect.
 */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	if (/[\u0000-\u001f]/.test(next)) return '/';
	if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return '/';
	return next;
}
