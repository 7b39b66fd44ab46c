import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Process health figures for /api/health: event-loop delay (ms) and memory (MiB). */
export class Metrics {
	private static readonly RESOLUTION_MS = 10;
	private loop: IntervalHistogram = monitorEventLoopDelay({ resolution: Metrics.RESOLUTION_MS });
	constructor() {
		this.loop.enable();
	}

	snapshot() {
		const mem = process.memoryUsage();
		return {
			eventLoopDelayMs: { p50: this.delay(this.loop.percentile(50)), p99: this.delay(this.loop.percentile(99)), max: this.delay(this.loop.max) },
			rssMiB: mem.rss / 1048576,
			heapUsedMiB: mem.heapUsed / 1048576
		};
	}

	/** The histogram records whole timer intervals (ns); the delay is what exceeds the resolution. */
	private delay(ns: number): number {
		return Math.max(0, ns / 1e6 - Metrics.RESOLUTION_MS);
	}

	reset(): void {
		this.loop.reset();
	}

	stop(): void {
		this.loop.disable();
	}
}
