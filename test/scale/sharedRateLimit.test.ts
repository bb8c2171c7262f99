// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { LoggedRequest } from '../../simulator/server';
import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, duplicates, requestsTo, servedPerWindow, steppedClock } from './support';

/**
 * Many executions at once (as on several queue-mode workers behind one address) draw from one rate
 * limit budget: each request waits as long as Max Rate Limit Wait allows in total, so all succeed.
 */
const EXECUTIONS = 40;
const CALLS = 2;
const WINDOW_MS = 250;

let sim: Simulator;
let clock: ReturnType<typeof steppedClock>;
beforeAll(async () => {
	clock = steppedClock();
	sim = await startSimulator({ users: 10, seed: 33, now: clock.now });
});
afterAll(async () => {
	await sim.close();
	clock.stop();
});

const username = (index: number) => `shared.limit.${index}`;

/** One execution per user, all started at once, each creating one user. */
function createConcurrently(prefix: string, maxRateLimitWait: number) {
	return Promise.all(
		Array.from({ length: EXECUTIONS }, (_, index) =>
			runRocketChat({
				parameters: {
					resource: 'user',
					operation: 'create',
					name: `Shared Limit ${index}`,
					email: `${prefix}${username(index)}@example.com`,
					password: 'pass-shared-limit',
					username: `${prefix}${username(index)}`,
					requestOptions: { maxRateLimitWait },
				},
				credential: adminCredential(sim),
				onError: 'continueRegularOutput',
			}),
		),
	);
}

function byUsername(log: readonly LoggedRequest[]): Map<string, LoggedRequest[]> {
	const map = new Map<string, LoggedRequest[]>();
	for (const entry of log) {
		const name = (entry.body as { username: string }).username;
		map.set(name, [...(map.get(name) ?? []), entry]);
	}
	return map;
}

test(`${EXECUTIONS} concurrent executions under ${CALLS} calls per ${WINDOW_MS} ms for everyone: all succeed, each user created once`, async () => {
	sim.setRateLimit({ calls: CALLS, windowMs: WINDOW_MS }, { admins: true });
	sim.clearRequests();
	// 40 creates at 8/s take ~5 s; the old fixed 10 retries gave up long before that.
	const results = await createConcurrently('a.', 60);

	expect(results.map((result) => result.status)).toEqual(results.map(() => 'success'));
	for (const result of results) expect(result.json('Rocket.Chat')[0].error).toBeUndefined();
	const log = requestsTo(sim, 'POST', 'users.create');
	expect(Math.max(...servedPerWindow(log, WINDOW_MS))).toBeLessThanOrEqual(CALLS);
	expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
	const created = sim.state.users.filter((user) => user.username.startsWith('a.shared.limit.')).map((user) => user.username);
	expect(created).toHaveLength(EXECUTIONS);
	expect(duplicates(created)).toEqual([]);
	// Every request was resent only after a 429: the one answer that was not a 429 is its last.
	for (const [name, entries] of byUsername(log)) {
		expect([name, entries.slice(0, -1).map((entry) => entry.status)]).toEqual([name, entries.slice(0, -1).map(() => 429)]);
		expect(entries[entries.length - 1].status).toBe(200);
	}
});

test('under the same limit, a request that fails otherwise (503 after the write) is never resent', async () => {
	sim.setRateLimit({ calls: CALLS, windowMs: WINDOW_MS }, { admins: true });
	sim.clearRequests();
	sim.injectFaults({ probability: 0.2, kinds: ['503'], methods: ['POST'], paths: ['users.create'], seed: 5, afterApply: true });
	const results = await createConcurrently('b.', 60);
	sim.clearFaults();

	const log = requestsTo(sim, 'POST', 'users.create');
	const failed = results.filter((result) => result.json('Rocket.Chat')[0].error !== undefined);
	expect(failed.length).toBeGreaterThan(0);
	expect(failed.length).toBeLessThan(EXECUTIONS);
	for (const [name, entries] of byUsername(log)) {
		const statuses = entries.map((entry) => entry.status);
		// 429s, then exactly one other answer, which ends the request whatever it was.
		expect([name, statuses.slice(0, -1)]).toEqual([name, statuses.slice(0, -1).map(() => 429)]);
		expect([200, 503]).toContain(statuses[statuses.length - 1]);
	}
	expect(log.filter((entry) => entry.status === 503)).toHaveLength(failed.length);
});
