import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Process health figures for /api/health: event-loop delay (ms) and memory (MiB). */
export class Metrics {
	private loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
	constructor() {
		this.loop.enable();
	}

	snapshot() {
		const mem = process.memoryUsage();
		return {
			eventLoopDelayMs: { p50: this.loop.percentile(50) / 1e6, p99: this.loop.percentile(99) / 1e6, max: this.loop.max / 1e6 },
			rssMiB: mem.rss / 1048576,
			heapUsedMiB: mem.heapUsed / 1048576
		};
	}

	reset(): void {
		this.loop.reset();
	}

	stop(): void {
		this.loop.disable();
	}
}
