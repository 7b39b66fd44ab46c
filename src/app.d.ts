// The shape of a page's error (+error.svelte): the API's error code and params when a load failed on an API answer.
declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
			params?: Record<string, string | number>;
		}
	}
}

export {};
