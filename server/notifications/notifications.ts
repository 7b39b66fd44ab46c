/**
 * Notifications assembled: the outbox hook for the sync layer, the dispatcher, the mail queue and the
 * daily job, driven by one timer. `SMTP_URL` unset = no e-mail (the inbox still gets everything).
 */
import os from 'node:os';
import crypto from 'node:crypto';
import type * as Y from 'yjs';
import nodemailer from 'nodemailer';
import type { AppContext } from '../context.js';
import type { OutboxEvent } from '../sync/board-store.js';
import { commentEvents } from './comment-events.js';
import { Dispatcher } from './dispatcher.js';
import { MailQueue, type MailTransport } from './mail-queue.js';
import { DailyJob } from './daily-job.js';
import { InboxBus } from './live.js';
import type { Bus } from '../cluster/bus.js';
import { loadSecret } from './signed-token.js';
import { systemClock, type Clock } from './clock.js';

export interface NotificationOptions {
	clock?: Clock;
	/** Replaces the SMTP transport built from SMTP_URL. */
	transport?: MailTransport;
	/** The deployment's bus (the live badge crosses nodes over it). */
	bus?: Bus;
	/** How often the dispatcher and the mail worker look for work. */
	tickMs?: number;
	maxBackoffMs?: number;
}

/** The sync layer's outbox hook: new comments become events stored with their update. */
export function notificationOutbox(_room: unknown, tr: Y.Transaction): OutboxEvent[] {
	return commentEvents(tr);
}

export class Notifications {
	readonly bus: InboxBus;
	readonly clock: Clock;
	readonly node = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
	readonly mailEnabled: boolean;
	secret = '';
	dispatcher!: Dispatcher;
	queue: MailQueue | null = null;
	daily!: DailyJob;
	private timer: NodeJS.Timeout | null = null;
	private lastDailyCheck = 0;
	private running: Promise<void> | null = null;

	constructor(
		private ctx: AppContext,
		private options: NotificationOptions = {}
	) {
		this.clock = options.clock ?? systemClock;
		this.bus = new InboxBus(options.bus);
		this.mailEnabled = !!(options.transport || ctx.config.smtpUrl);
	}

	async start(): Promise<void> {
		const { config } = this.ctx;
		this.secret = await loadSecret(this.ctx.db, config.notifySecret ?? undefined);
		this.dispatcher = new Dispatcher(this.ctx.db, {
			mailEnabled: this.mailEnabled,
			coalesceMs: config.mailCoalesceMs,
			clock: this.clock,
			bus: this.bus
		});
		if (this.mailEnabled) {
			const transport = this.options.transport ?? (nodemailer.createTransport(config.smtpUrl!) as unknown as MailTransport);
			this.queue = new MailQueue(this.ctx.db, {
				from: config.mailFrom,
				publicUrl: config.publicUrl,
				secret: this.secret,
				clock: this.clock,
				transport,
				node: this.node,
				maxBackoffMs: this.options.maxBackoffMs
			});
		}
		this.daily = new DailyJob(this.ctx.db, {
			clock: this.clock,
			node: this.node,
			mailEnabled: this.mailEnabled,
			publicUrl: config.publicUrl,
			secret: this.secret,
			queue: this.queue,
			dispatch: () => this.dispatcher.run()
		});
		this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 250);
		this.timer.unref();
	}

	/** One round of work: dispatch events, run the daily job when due, compose and send mail. */
	tick(): Promise<void> {
		this.running ??= this.work().finally(() => (this.running = null));
		return this.running;
	}

	private async work(): Promise<void> {
		try {
			await this.dispatcher.run();
			const now = Date.now();
			if (now - this.lastDailyCheck >= 30_000 || this.clock !== systemClock) {
				this.lastDailyCheck = now;
				await this.daily.tick();
			}
			if (this.queue) {
				await this.queue.composeDue();
				await this.queue.sendDue();
			}
		} catch (err) {
			console.error(`notifications: ${String(err)}`);
		}
	}

	async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		await this.running;
	}
}
