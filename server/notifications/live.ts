/**
 * Who has new inbox messages, for the live unread badge (server-sent events). The change goes over the
 * deployment's bus (server/cluster/bus.ts): in a cluster the dispatcher that created a message may run
 * on another node than the one holding the user's stream. A missed message only delays the badge until
 * the page's next poll.
 */
import { EventEmitter } from 'node:events';
import { LocalBus, type Bus } from '../cluster/bus.js';

interface Target {
	agencyId?: string | null;
	userId?: string | null;
}

export class InboxBus {
	private emitter = new EventEmitter();

	constructor(private bus: Bus = new LocalBus()) {
		this.emitter.setMaxListeners(0);
		void bus.subscribe('inbox', (payload) => {
			try {
				this.emit(JSON.parse(Buffer.from(payload).toString('utf8')) as Target);
			} catch {
				// Not one of ours: ignored.
			}
		});
	}

	private emit(target: Target) {
		if (typeof target.agencyId === 'string') this.emitter.emit(`agency:${target.agencyId}`);
		if (typeof target.userId === 'string') this.emitter.emit(`user:${target.userId}`);
	}

	/** A message for every person of an agency (agencyId) or for one person (userId) was added or read. */
	changed(target: Target): void {
		this.bus.publish('inbox', Buffer.from(JSON.stringify({ agencyId: target.agencyId ?? null, userId: target.userId ?? null })));
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
