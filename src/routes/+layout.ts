// An app behind a sign-in: pages render in the browser, from the API and the live board documents.
export const ssr = false;
export const prerender = false;
