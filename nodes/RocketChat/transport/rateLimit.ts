import { sleep, type IDataObject } from 'n8n-workflow';

/** Rocket.Chat's limiter works per route and method; it reports its state in X-RateLimit-* headers. */
type RouteState =
	| { kind: 'budget'; remaining: number; /** epoch ms: Rocket.Chat sends absolute time */ resetAt: number }
	/** The first request to a route is in flight; the others wait to learn the budget from its answer. */
	| { kind: 'probing'; answered: Promise<void>; release: () => void }
	/** No limiter headers: the route is not limited for this account (e.g. api-bypass-rate-limit). */
	| { kind: 'unlimited' };

function headerNumber(headers: IDataObject, name: string): number | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (value === undefined || value === null) return undefined;
	const number = Number(Array.isArray(value) ? value[0] : value);
	return Number.isFinite(number) ? number : undefined;
}

export class RateLimitWaitTooLong extends Error {
	constructor(readonly waitMs: number) {
		super(
			`Rocket.Chat's rate limit resets in ${Math.ceil(waitMs / 1000)} s, longer than this request may still wait`,
		);
	}
}

/**
 * The most a request is held back after a reset, at random: waiters of many executions (and many
 * workers sharing one budget) then resend spread out, not all in the same millisecond.
 */
export const RATE_LIMIT_JITTER_MS = 500;

export function rateLimitJitterMs(): number {
	return Math.floor(Math.random() * RATE_LIMIT_JITTER_MS);
}

/**
 * Paces one execution's requests by each route's X-RateLimit budget, so that they wait for the reset
 * instead of collecting 429s, also when several requests run at once.
 */
export class RateLimitTracker {
	private readonly routes = new Map<string, RouteState>();

	constructor(private readonly maxWaitMs: number) {}

	/** The time by which one request must be sent: all its rate-limit waits together stay within the option. */
	deadline(): number {
		return Date.now() + this.maxWaitMs;
	}

	/** Waits until the route may take one more call, and takes it; fails when that would pass the deadline. */
	async acquire(route: string, deadline: number = this.deadline()): Promise<void> {
		for (;;) {
			const state = this.routes.get(route);
			if (state === undefined) {
				let release = () => {};
				const answered = new Promise<void>((resolve) => (release = resolve));
				this.routes.set(route, { kind: 'probing', answered, release });
				return;
			}
			if (state.kind === 'unlimited') return;
			if (state.kind === 'probing') {
				await state.answered;
				continue;
			}
			const waitMs = state.resetAt - Date.now();
			if (waitMs <= 0) {
				this.routes.delete(route);
				continue;
			}
			if (state.remaining > 0) {
				state.remaining--;
				return;
			}
			const jitterMs = rateLimitJitterMs();
			if (Date.now() + waitMs + jitterMs > deadline) throw new RateLimitWaitTooLong(waitMs);
			await sleep(waitMs + jitterMs);
		}
	}

	/** Learns the budget from an answer (or from its absence, when the request failed). */
	settle(route: string, headers: IDataObject | undefined, statusCode?: number): void {
		const state = this.routes.get(route);
		const resetAt = headers ? headerNumber(headers, 'x-ratelimit-reset') : undefined;
		const remaining = headers ? headerNumber(headers, 'x-ratelimit-remaining') : undefined;
		if (statusCode === 429 && resetAt !== undefined) {
			this.set(route, { kind: 'budget', remaining: 0, resetAt });
		} else if (remaining !== undefined && resetAt !== undefined) {
			if (state?.kind === 'budget' && state.resetAt === resetAt) {
				// Answers of one window arrive out of order: the lowest count is the true one.
				state.remaining = Math.min(state.remaining, remaining);
			} else if (state?.kind !== 'budget' || resetAt > state.resetAt) {
				this.set(route, { kind: 'budget', remaining, resetAt });
			}
		} else if (headers && state?.kind === 'probing') {
			this.set(route, { kind: 'unlimited' });
		} else if (!headers && state?.kind === 'probing') {
			// No answer at all: let the next request probe again.
			this.routes.delete(route);
			state.release();
		}
	}

	private set(route: string, next: RouteState): void {
		const previous = this.routes.get(route);
		this.routes.set(route, next);
		if (previous?.kind === 'probing') previous.release();
	}
}
