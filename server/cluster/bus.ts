/**
 * Messages between the nodes of a deployment. One node (no REDIS_URL): an in-process bus. A cluster:
 * Redis pub/sub, where every node receives what any node publishes (itself included; `fromSelf` tells).
 *
 * Redis pub/sub does not promise delivery: a message published while a node is disconnected is gone.
 * Nothing relies on it alone. Board updates are stored before they are published and carry sequence
 * numbers, so a node that missed one reads it back from the database; the other topics (inbox badge,
 * ended sessions, directory changes) have a slower path of their own (polls and sweeps).
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export type BusHandler = (payload: Uint8Array, fromSelf: boolean) => void;

export interface Bus {
	/** This node's id (random per process). */
	readonly nodeId: string;
	readonly clustered: boolean;
	publish(topic: string, payload: Uint8Array): void;
	/** Resolves once the subscription is in place (on Redis: acknowledged by the server). */
	subscribe(topic: string, handler: BusHandler): Promise<void>;
	unsubscribe(topic: string, handler: BusHandler): void;
	/** Called after the connection to the other nodes came back (messages may have been missed). */
	onReconnect(fn: () => void): void;
	/** Whether the bus can carry messages now (readiness). */
	ping(): Promise<boolean>;
	close(): Promise<void>;
}

const newNodeId = () => randomBytes(6).toString('hex');

export class LocalBus implements Bus {
	readonly nodeId = newNodeId();
	readonly clustered = false;
	private emitter = new EventEmitter();

	constructor() {
		this.emitter.setMaxListeners(0);
	}

	publish(topic: string, payload: Uint8Array): void {
		this.emitter.emit(topic, payload, true);
	}

	async subscribe(topic: string, handler: BusHandler): Promise<void> {
		this.emitter.on(topic, handler);
	}

	unsubscribe(topic: string, handler: BusHandler): void {
		this.emitter.off(topic, handler);
	}

	onReconnect(): void {}

	async ping(): Promise<boolean> {
		return true;
	}

	async close(): Promise<void> {
		this.emitter.removeAllListeners();
	}
}

/** Frames a payload with the sender's node id: [id length][id][payload]. */
function frame(nodeId: string, payload: Uint8Array): Buffer {
	const id = Buffer.from(nodeId, 'latin1');
	const out = Buffer.allocUnsafe(1 + id.length + payload.length);
	out[0] = id.length;
	id.copy(out, 1);
	out.set(payload, 1 + id.length);
	return out;
}

export class RedisBus implements Bus {
	readonly nodeId = newNodeId();
	readonly clustered = true;
	private pub: Redis;
	private sub: Redis;
	private handlers = new Map<string, Set<BusHandler>>();
	private reconnectFns: (() => void)[] = [];
	private wasReady = false;

	constructor(
		url: string,
		private prefix = 'phoihop:'
	) {
		// Publishing while Redis is away fails at once instead of queueing: the database has it all.
		this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
		this.sub = new Redis(url, { maxRetriesPerRequest: null });
		for (const r of [this.pub, this.sub]) r.on('error', () => {}); // reconnects on its own; readiness reports it
		this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
		this.sub.on('ready', () => {
			if (this.wasReady) for (const fn of this.reconnectFns) fn();
			this.wasReady = true;
		});
	}

	private receive(channel: string, message: Buffer) {
		const set = this.handlers.get(channel.slice(this.prefix.length));
		if (!set || message.length < 1) return;
		const idLength = message[0];
		const from = message.subarray(1, 1 + idLength).toString('latin1');
		const payload = new Uint8Array(message.buffer, message.byteOffset + 1 + idLength, message.length - 1 - idLength);
		for (const h of set) {
			try {
				h(payload, from === this.nodeId);
			} catch (err) {
				console.error(`cluster: handling a message on ${channel} failed (${String(err)})`);
			}
		}
	}

	publish(topic: string, payload: Uint8Array): void {
		this.pub.publish(this.prefix + topic, frame(this.nodeId, payload)).catch(() => {
			// Redis is away: the other nodes catch up from the database (see the header).
		});
	}

	async subscribe(topic: string, handler: BusHandler): Promise<void> {
		let set = this.handlers.get(topic);
		if (!set) {
			this.handlers.set(topic, (set = new Set()));
			set.add(handler);
			try {
				await this.sub.subscribe(this.prefix + topic);
			} catch (err) {
				// Not subscribed now; ioredis subscribes again when it reconnects, and the poll covers the gap.
				console.error(`cluster: subscribing to ${topic} failed (${String(err)})`);
			}
			return;
		}
		set.add(handler);
	}

	unsubscribe(topic: string, handler: BusHandler): void {
		const set = this.handlers.get(topic);
		if (!set) return;
		set.delete(handler);
		if (set.size === 0) {
			this.handlers.delete(topic);
			this.sub.unsubscribe(this.prefix + topic).catch(() => {});
		}
	}

	onReconnect(fn: () => void): void {
		this.reconnectFns.push(fn);
	}

	async ping(): Promise<boolean> {
		try {
			return (await this.pub.ping()) === 'PONG' && this.sub.status === 'ready';
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		this.handlers.clear();
		await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
		this.pub.disconnect();
		this.sub.disconnect();
	}
}

/** The bus for a configuration: Redis when a URL is given, in-process otherwise. */
export function openBus(redisUrl: string | undefined): Bus {
	return redisUrl ? new RedisBus(redisUrl) : new LocalBus();
}
