import { RateLimitTracker, jitterMs, waitWithin } from '../../nodes/RocketChat/transport/rateLimit';
import { mapWithConcurrency } from '../../nodes/RocketChat/transport/concurrency';

const headers = (remaining: number, resetAt: number) => ({
	'x-ratelimit-limit': '10',
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(resetAt),
});

describe('rate-limit pacing', () => {
	test('the first request probes; the others wait for its answer, then spend the budget', async () => {
		const tracker = new RateLimitTracker(10_000);
		await tracker.acquire('GET /a');
		let secondStarted = false;
		const second = tracker.acquire('GET /a').then(() => (secondStarted = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(secondStarted).toBe(false);
		tracker.settle('GET /a', headers(1, Date.now() + 60_000), 200);
		await second;
		expect(secondStarted).toBe(true);
	});

	test('with the budget spent, the next request waits for the reset', async () => {
		const tracker = new RateLimitTracker(10_000);
		await tracker.acquire('GET /a');
		const resetAt = Date.now() + 150;
		tracker.settle('GET /a', headers(0, resetAt), 200);
		const started = Date.now();
		await tracker.acquire('GET /a');
		expect(Date.now()).toBeGreaterThanOrEqual(resetAt);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);
	});

	test('a reset further away than the allowed wait fails at once', async () => {
		const tracker = new RateLimitTracker(1_000);
		await tracker.acquire('POST /b');
		tracker.settle('POST /b', headers(0, Date.now() + 60_000), 429);
		await expect(tracker.acquire('POST /b')).rejects.toThrow('longer than the allowed wait');
	});

	test("the refusal carries the route's limit from X-RateLimit-Limit, for the error to name", async () => {
		const tracker = new RateLimitTracker(1_000);
		await tracker.acquire('POST /s');
		tracker.settle('POST /s', { ...headers(0, Date.now() + 60_000), 'x-ratelimit-limit': '5' }, 200);
		await expect(tracker.acquire('POST /s')).rejects.toMatchObject({ limit: 5 });
	});

	test("waits are charged to the request's budget; a reset beyond what is left fails at once", async () => {
		const tracker = new RateLimitTracker(60_000);
		const budget = { leftMs: 400 };
		await tracker.acquire('POST /f', budget);
		tracker.settle('POST /f', headers(0, Date.now() + 150), 429);
		await tracker.acquire('POST /f', budget);
		// The reset's wait plus its jitter came off the budget, never more than the budget held.
		expect(budget.leftMs).toBeLessThanOrEqual(250);
		expect(budget.leftMs).toBeGreaterThanOrEqual(0);
		tracker.settle('POST /f', headers(0, Date.now() + budget.leftMs + 100), 429);
		await expect(tracker.acquire('POST /f', budget)).rejects.toThrow('longer than the allowed wait');
	});

	test('after a reset, waiters of the same age resend spread out (jitter), not all at the same moment', () => {
		// Checked on the delays themselves: wake-up times on a loaded machine say more about the machine than the code.
		const budget = { leftMs: 10_000 };
		const delays = [0, 0.5, 1].map((r) => jitterMs(200, budget, () => r));
		expect(new Set(delays).size).toBe(3);
		expect(Math.min(...delays)).toBeGreaterThan(0);
		expect(Math.max(...delays)).toBeLessThanOrEqual(50);
		// The longer a request has waited, the earlier it resends.
		expect(jitterMs(200, { leftMs: 30_000, totalMs: 60_000 }, () => 1)).toBeLessThan(jitterMs(200, { leftMs: 60_000, totalMs: 60_000 }, () => 0));
	});

	test('after a reset, the waiter that has waited longer resends first (first come, first served across workers)', async () => {
		// Two executions (two trackers: two workers) behind one limit; the older one has spent half its wait.
		const older = new RateLimitTracker(60_000);
		const newer = new RateLimitTracker(60_000);
		const resetAt = Date.now() + 100;
		for (const tracker of [older, newer]) {
			await tracker.acquire('POST /h');
			tracker.settle('POST /h', headers(0, resetAt), 429);
		}
		const order: string[] = [];
		// The reset is 100 ms away, so each spreads its resend over 50 ms, scaled by the wait it has left.
		await Promise.all([
			newer.acquire('POST /h', { leftMs: 60_000, totalMs: 60_000 }).then(() => order.push('newer')),
			older.acquire('POST /h', { leftMs: 30_000, totalMs: 60_000 }).then(() => order.push('older')),
		]);
		expect(order).toEqual(['older', 'newer']);
	});

	test('waitWithin never sleeps past the budget and empties it at most', async () => {
		const budget = { leftMs: 30 };
		await waitWithin(budget, 1_000);
		expect(budget.leftMs).toBe(0);
		await waitWithin(budget, 1_000);
		expect(budget.leftMs).toBe(0);
	});

	test('routes without limiter headers are not paced', async () => {
		const tracker = new RateLimitTracker(1_000);
		await tracker.acquire('GET /c');
		tracker.settle('GET /c', {}, 200);
		await Promise.all([tracker.acquire('GET /c'), tracker.acquire('GET /c'), tracker.acquire('GET /c')]);
	});

	test('a failed probe lets the next request probe', async () => {
		const tracker = new RateLimitTracker(1_000);
		await tracker.acquire('GET /d');
		const next = tracker.acquire('GET /d');
		tracker.settle('GET /d', undefined);
		await next;
	});

	test('never more requests per window than the budget, even with many in parallel', async () => {
		const limit = 5;
		const windowMs = 200;
		let windowStart = Date.now();
		let used = 0;
		const perWindow: number[] = [];
		const tracker = new RateLimitTracker(10_000);
		await mapWithConcurrency(Array.from({ length: 12 }), 6, async () => {
			await tracker.acquire('GET /e');
			const now = Date.now();
			if (now >= windowStart + windowMs) {
				perWindow.push(used);
				windowStart = now;
				used = 0;
			}
			used++;
			tracker.settle('GET /e', headers(Math.max(0, limit - used), windowStart + windowMs), used > limit ? 429 : 200);
		});
		perWindow.push(used);
		expect(Math.max(...perWindow)).toBeLessThanOrEqual(limit);
	});
});

describe('bounded concurrency', () => {
	test('keeps input order and never exceeds the limit', async () => {
		let running = 0;
		let peak = 0;
		const result = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (value) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, value * 5));
			running--;
			return value * 10;
		});
		expect(result).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});

	test('the first failure is rethrown and no new task starts', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency([0, 1, 2, 3, 4], 1, async (value) => {
				started.push(value);
				if (value === 1) throw new Error('boom');
				return value;
			}),
		).rejects.toThrow('boom');
		expect(started).toEqual([0, 1]);
	});
});
