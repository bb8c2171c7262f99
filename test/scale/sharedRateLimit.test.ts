// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { LoggedRequest } from '../../simulator/server';
import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, requestsTo } from './support';

/**
 * Many executions at once against one tight limit, as n8n's queue-mode workers share Rocket.Chat's
 * per-route, per-address budget: each execution has its own pacing state and learns of the others
 * only through 429s. A count of retries gave up here; a bound in time lets every one through.
 */
const EXECUTIONS = 40;

let sim: Simulator;

beforeAll(async () => {
	// 8.9.2: users.create before its 9.0 2FA gate (simulator/versions.ts), so the admin credential without 2FA creates.
	sim = await startSimulator({ users: 5, seed: 31, serverVersion: '8.9.2' });
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	// 2 calls per 250 ms for users.create, admins limited too (the credential is the admin's).
	sim.setRateLimit({ calls: 2, windowMs: 250 }, { admins: true });
	sim.clearRequests();
	sim.clearFaults();
});

function createUser(username: string, requestOptions: Record<string, unknown> = {}) {
	return runRocketChat({
		parameters: {
			resource: 'user',
			operation: 'create',
			name: `Shared ${username}`,
			email: `${username}@example.com`,
			password: 'Secret-123-pass',
			username,
			requestOptions,
		},
		credential: adminCredential(sim),
		onError: 'continueRegularOutput',
	});
}

function requestsByUsername(): Map<string, LoggedRequest[]> {
	const byUsername = new Map<string, LoggedRequest[]>();
	for (const entry of requestsTo(sim, 'POST', 'users.create')) {
		const username = (entry.body as { username: string }).username;
		byUsername.set(username, [...(byUsername.get(username) ?? []), entry]);
	}
	return byUsername;
}

test(`${EXECUTIONS} concurrent executions under one shared limit all succeed, each user created once`, async () => {
	const usernames = Array.from({ length: EXECUTIONS }, (_, index) => `shared.${index}`);
	const results = await Promise.all(usernames.map((username) => createUser(username)));

	expect(results.map((result) => result.json('Rocket.Chat')[0].error)).toEqual(usernames.map(() => undefined));
	expect(results.map((result) => result.json('Rocket.Chat')[0].username)).toEqual(usernames);
	const byUsername = requestsByUsername();
	for (const username of usernames) {
		const requests = byUsername.get(username)!;
		expect(requests.slice(0, -1).every((entry) => entry.status === 429)).toBe(true);
		expect(requests[requests.length - 1].status).toBe(200);
		expect(sim.state.users.filter((user) => user.username === username)).toHaveLength(1);
	}
	// The limit really was contended: some were refused more often than a fixed count of 10 retries allowed.
	expect(Math.max(...[...byUsername.values()].map((requests) => requests.length))).toBeGreaterThan(11);
});

test('none is resent after a non-429 failure, and the failure is reported on the item', async () => {
	sim.injectFaults({ probability: 0.25, kinds: ['503', 'reset'], methods: ['POST'], paths: ['users.create'], seed: 4 });
	const usernames = Array.from({ length: 20 }, (_, index) => `faulty.${index}`);
	const results = await Promise.all(usernames.map((username) => createUser(username)));
	sim.clearFaults();

	const byUsername = requestsByUsername();
	let failed = 0;
	usernames.forEach((username, index) => {
		const requests = byUsername.get(username)!;
		const last = requests[requests.length - 1];
		// Only 429s are followed by another request for the same user.
		expect(requests.slice(0, -1).map((entry) => entry.status)).toEqual(requests.slice(0, -1).map(() => 429));
		expect(last.status).not.toBe(429);
		const output = results[index].json('Rocket.Chat')[0];
		if (last.fault === '503' || last.fault === 'reset') {
			failed++;
			expect(output.error).toEqual(expect.any(String));
		} else {
			expect(output.username).toBe(username);
		}
	});
	expect(failed).toBeGreaterThan(0);
});

test('with no wait allowed, a refused request fails with 429 and is not resent', async () => {
	// One window's budget, then every other execution is refused.
	sim.setRateLimit({ calls: 1, windowMs: 60_000 }, { admins: true });
	const usernames = ['nowait.0', 'nowait.1', 'nowait.2'];
	const results = [];
	for (const username of usernames) results.push(await createUser(username, { maxRateLimitWait: 0 }));
	expect(results[0].json('Rocket.Chat')[0].username).toBe('nowait.0');
	for (const result of results.slice(1)) expect(String(result.json('Rocket.Chat')[0].error)).toMatch(/too many requests|rate limit/i);
	for (const username of usernames) expect(requestsByUsername().get(username)).toHaveLength(1);
});
