import { RATE_LIMIT_JITTER_MS, RateLimitTracker } from '../../nodes/RocketChat/transport/rateLimit';
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
		await expect(tracker.acquire('POST /b')).rejects.toThrow('longer than this request may still wait');
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

describe('rate-limit waits bounded by time per request', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
	afterEach(() => {
		jest.useRealTimers();
		jest.restoreAllMocks();
	});

	/** Resolves when the promise settles, advancing the fake clock in small steps; returns the time taken. */
	async function timed(promise: Promise<void>): Promise<number> {
		const started = Date.now();
		let settled = false;
		const done = promise.finally(() => (settled = true));
		while (!settled) await jest.advanceTimersByTimeAsync(10);
		await done;
		return Date.now() - started;
	}

	test('the waits of one request add up, and the one that would pass the bound fails', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0);
		const tracker = new RateLimitTracker(1_000);
		const deadline = tracker.deadline();
		await tracker.acquire('POST /f', deadline);
		tracker.settle('POST /f', headers(0, Date.now() + 400), 429);
		expect(await timed(tracker.acquire('POST /f', deadline))).toBeGreaterThanOrEqual(400);
		tracker.settle('POST /f', headers(0, Date.now() + 400), 429);
		expect(await timed(tracker.acquire('POST /f', deadline))).toBeGreaterThanOrEqual(400);
		// 800 ms waited: another 400 ms would exceed the 1 s this request may wait in total.
		tracker.settle('POST /f', headers(0, Date.now() + 400), 429);
		await expect(tracker.acquire('POST /f', deadline)).rejects.toThrow('longer than this request may still wait');
	});

	test('a new request gets the whole bound again', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0);
		const tracker = new RateLimitTracker(1_000);
		await tracker.acquire('POST /g');
		tracker.settle('POST /g', headers(0, Date.now() + 900), 429);
		expect(await timed(tracker.acquire('POST /g', tracker.deadline()))).toBeGreaterThanOrEqual(900);
		tracker.settle('POST /g', headers(0, Date.now() + 900), 429);
		expect(await timed(tracker.acquire('POST /g', tracker.deadline()))).toBeGreaterThanOrEqual(900);
	});

	test('waiters resend after the reset spread by jitter, never before it', async () => {
		const tracker = new RateLimitTracker(10_000);
		await tracker.acquire('POST /h');
		const resetAt = Date.now() + 1_000;
		tracker.settle('POST /h', headers(0, resetAt), 429);
		const random = jest.spyOn(Math, 'random');
		const fractions = [0, 0.3, 0.6, 0.99];
		const sentAt: number[] = [];
		const waiters = fractions.map((fraction) => {
			random.mockReturnValueOnce(fraction);
			return tracker.acquire('POST /h').then(() => sentAt.push(Date.now()));
		});
		let settled = false;
		const all = Promise.all(waiters).finally(() => (settled = true));
		// The budget after the reset is not known yet: each waiter's answer would tell; keep it open.
		while (!settled) {
			await jest.advanceTimersByTimeAsync(5);
			if (Date.now() >= resetAt) tracker.settle('POST /h', headers(10, resetAt + 60_000), 200);
		}
		await all;
		expect(Math.min(...sentAt)).toBeGreaterThanOrEqual(resetAt);
		expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeGreaterThanOrEqual(RATE_LIMIT_JITTER_MS / 2);
		expect(Math.max(...sentAt)).toBeLessThan(resetAt + RATE_LIMIT_JITTER_MS + 10);
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
