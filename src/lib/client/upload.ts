/**
 * File upload with progress (XMLHttpRequest: fetch reports no upload progress). Errors carry the
 * server's code; a connection dropped mid-upload (the server refusing a large file closes it
 * before reading it all) is told apart from other failures.
 */
import { ApiError, goToLogin } from './api.js';

export class UploadNetworkError extends Error {}

export function uploadFile<T>(url: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.responseType = 'json';
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
		};
		xhr.onload = () => {
			const body: unknown = xhr.response;
			if (xhr.status === 401) goToLogin();
			if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
			else reject(ApiError.of(xhr.status, body));
		};
		xhr.onerror = () => reject(new UploadNetworkError(file.name));
		const form = new FormData();
		form.append('file', file, file.name);
		xhr.send(form);
	});
}
