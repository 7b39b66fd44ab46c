/**
 * Who has new inbox messages, for the live unread badge (server-sent events). In-process: in a
 * cluster each node would publish these on Redis (the scale-out issue), since the dispatcher that
 * created a message may run on another node than the one holding the user's stream.
 */
import { EventEmitter } from 'node:events';

export class InboxBus {
	private emitter = new EventEmitter();

	constructor() {
		this.emitter.setMaxListeners(0);
	}

	/** A message for every person of an agency (agencyId) or for one person (userId) was added or read. */
	changed(target: { agencyId?: string | null; userId?: string | null }): void {
		if (target.agencyId) this.emitter.emit(`agency:${target.agencyId}`);
		if (target.userId) this.emitter.emit(`user:${target.userId}`);
	}

	/** Calls `fn` whenever something changes for this person; returns the unsubscribe function. */
	watch(userId: string, agencyId: string | null, fn: () => void): () => void {
		const keys = [`user:${userId}`, ...(agencyId ? [`agency:${agencyId}`] : [])];
		for (const k of keys) this.emitter.on(k, fn);
		return () => {
			for (const k of keys) this.emitter.off(k, fn);
		};
	}
}
