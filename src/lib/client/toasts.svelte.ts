/** Short notices shown in a corner and read out by screen readers (the toast region is aria-live). */
export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
	id: number;
	kind: ToastKind;
	text: string;
}

class Toasts {
	list = $state<Toast[]>([]);
	private next = 1;

	push(kind: ToastKind, text: string, ms = kind === 'error' ? 8000 : 3000): number {
		const id = this.next++;
		// The same notice twice in a row (a retrying connection) is shown once.
		if (this.list.some((t) => t.text === text)) return id;
		this.list.push({ id, kind, text });
		if (ms > 0) setTimeout(() => this.dismiss(id), ms);
		return id;
	}

	dismiss(id: number): void {
		this.list = this.list.filter((t) => t.id !== id);
	}
}

export const toasts = new Toasts();
