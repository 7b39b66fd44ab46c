/**
 * Sends a file as the request body with upload progress (fetch has no upload progress, so this
 * uses XMLHttpRequest). Errors carry the server's code and params; a lost session goes to the
 * sign-in page, as with every other call.
 */
import { ApiError, goToLogin } from '$lib/client/api.js';

export function uploadFile<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `${url}?name=${encodeURIComponent(file.name)}`);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) onProgress(e.loaded / e.total);
		};
		xhr.upload.onload = () => onProgress(1);
		xhr.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				// Not JSON (a proxy's error page): the status says enough.
			}
			if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
			if (xhr.status === 401) goToLogin();
			reject(ApiError.of(xhr.status, body));
		};
		xhr.onerror = () => reject(new ApiError(0, 'network'));
		xhr.send(file);
	});
}
