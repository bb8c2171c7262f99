import { sleep, type IDataObject } from 'n8n-workflow';

/** Rocket.Chat's limiter works per route and method; it reports its state in X-RateLimit-* headers. */
type RouteState =
	| {
			kind: 'budget';
			remaining: number;
			/** epoch ms: Rocket.Chat sends absolute time */
			resetAt: number;
			/** X-RateLimit-Limit: calls per window, to name in an error. */
			limit?: number;
	  }
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

/** What one request may still spend waiting for rate limits, pacing and 429s together (Max Rate Limit Wait). */
export interface RateLimitBudget {
	leftMs: number;
	/** The whole allowance; with it, requests that have waited longer wake first after a reset. */
	totalMs?: number;
}

/** The most a wake-up is spread after a reset, so that many workers sharing one limit do not resend in step. */
const MAX_JITTER_MS = 1_000;

/**
 * How long after a reset a waiter resends. Clients sharing a limit cannot queue for it together, and with a purely
 * random spread one request can lose the race window after window until its wait runs out. So the spread is scaled
 * by the share of the wait a request has left: the longer it has waited, the earlier it comes, which orders waiters
 * of every worker roughly first come, first served. A little randomness keeps waiters of the same age apart.
 */
export function jitterMs(waitMs: number, budget: RateLimitBudget, random: () => number = Math.random): number {
	const spread = Math.min(MAX_JITTER_MS, Math.max(50, waitMs / 4));
	const leftShare = budget.totalMs ? Math.max(0, Math.min(1, budget.leftMs / budget.totalMs)) : 1;
	// Squared, so that a request well into its wait resends almost at the reset, ahead of newcomers.
	return spread * leftShare * leftShare * (0.8 + 0.2 * random());
}

/** Sleeps up to `ms`, never past the budget, and charges the budget with the time slept. */
export async function waitWithin(budget: RateLimitBudget, ms: number): Promise<void> {
	const slept = Math.max(0, Math.min(ms, budget.leftMs));
	budget.leftMs -= slept;
	if (slept > 0) await sleep(slept);
}

export class RateLimitWaitTooLong extends Error {
	constructor(
		readonly waitMs: number,
		/** The route's calls per window, when the server said it (X-RateLimit-Limit). */
		readonly limit?: number,
	) {
		super(`Rocket.Chat's rate limit resets in ${Math.ceil(waitMs / 1000)} s, longer than the allowed wait`);
	}
}

/**
 * Paces one execution's requests by each route's X-RateLimit budget, so that they wait for the reset
 * instead of collecting 429s, also when several requests run at once.
 */
export class RateLimitTracker {
	private readonly routes = new Map<string, RouteState>();

	constructor(private readonly maxWaitMs: number) {}

	/**
	 * Waits until the route may take one more call, and takes it. The wait is charged to the request's
	 * budget (by default a fresh one of the tracker's maximum); a reset beyond what is left fails at once.
	 */
	async acquire(route: string, budget: RateLimitBudget = { leftMs: this.maxWaitMs, totalMs: this.maxWaitMs }): Promise<void> {
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
			if (waitMs > budget.leftMs) throw new RateLimitWaitTooLong(waitMs, state.limit);
			await waitWithin(budget, waitMs + jitterMs(waitMs, budget));
		}
	}

	/** Learns the budget from an answer (or from its absence, when the request failed). */
	settle(route: string, headers: IDataObject | undefined, statusCode?: number): void {
		const state = this.routes.get(route);
		const resetAt = headers ? headerNumber(headers, 'x-ratelimit-reset') : undefined;
		const remaining = headers ? headerNumber(headers, 'x-ratelimit-remaining') : undefined;
		const limit = (headers ? headerNumber(headers, 'x-ratelimit-limit') : undefined) ?? (state?.kind === 'budget' ? state.limit : undefined);
		if (statusCode === 429 && resetAt !== undefined) {
			this.set(route, { kind: 'budget', remaining: 0, resetAt, limit });
		} else if (remaining !== undefined && resetAt !== undefined) {
			if (state?.kind === 'budget' && state.resetAt === resetAt) {
				// Answers of one window arrive out of order: the lowest count is the true one.
				state.remaining = Math.min(state.remaining, remaining);
			} else if (state?.kind !== 'budget' || resetAt > state.resetAt) {
				this.set(route, { kind: 'budget', remaining, resetAt, limit });
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
