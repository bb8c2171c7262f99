// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { LoggedRequest } from '../../simulator/server';
import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, requestsTo } from './support';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ users: 400, seed: 21 });
	// Admins bypass the limiter; this only makes the injected 429s reset 100 ms after they are sent.
	sim.setRateLimit({ calls: 1_000_000, windowMs: 100 });
});
afterAll(async () => {
	await sim.close();
});

test('Set Active Status under injected faults: a POST is resent after a 429, never after a 503 or a reset connection', async () => {
	const credentialUsers = new Set([sim.admin.userId, sim.plainUser.userId, sim.totpUser.userId]);
	const ids = sim.state.users
		.filter((user) => user.active && !credentialUsers.has(user._id))
		.slice(0, 200)
		.map((user) => user._id);
	expect(ids).toHaveLength(200);
	sim.clearRequests();
	// afterApply: the 503s and resets happen after the change was made, as when a proxy loses the answer.
	sim.injectFaults({
		probability: 0.2,
		kinds: ['503', 'reset', '429'],
		methods: ['POST'],
		paths: ['users.setActiveStatus'],
		seed: 8,
		afterApply: true,
	});

	const result = await runRocketChat({
		parameters: {
			resource: 'user',
			operation: 'setActiveStatus',
			user: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			activeStatus: false,
			confirmRelinquish: true,
			requestOptions: { concurrency: 4 },
		},
		credential: adminCredential(sim),
		inputItems: ids.map((id) => ({ json: { id } })),
		onError: 'continueRegularOutput',
	});
	sim.clearFaults();

	expect(result.status).toBe('success');
	const [items] = result.output('Rocket.Chat');
	expect(items).toHaveLength(ids.length);
	expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

	const log = requestsTo(sim, 'POST', 'users.setActiveStatus');
	const byUser = new Map<string, LoggedRequest[]>(ids.map((id) => [id, []]));
	for (const entry of log) byUser.get((entry.body as { userId: string }).userId)!.push(entry);

	const outcomes = { resentAfter429: 0, failedWith503: 0, failedWithReset: 0, clean: 0 };
	ids.forEach((id, index) => {
		const requests = byUser.get(id)!;
		const last = requests[requests.length - 1];
		// Only 429s are followed by another request for the same item.
		expect(requests.slice(0, -1).map((entry) => entry.status)).toEqual(requests.slice(0, -1).map(() => 429));
		expect(last.status).not.toBe(429);
		if (requests.length > 1) outcomes.resentAfter429++;
		// Every item's change reached the server exactly once.
		expect(requests.filter((entry) => entry.applied)).toHaveLength(1);
		expect(sim.state.userById(id)!.active).toBe(false);

		const output = items[index].json;
		if (last.fault === '503' || last.fault === 'reset') {
			outcomes[last.fault === '503' ? 'failedWith503' : 'failedWithReset']++;
			// Reported on the item (the change may or may not have happened), never sent again.
			expect(output.error).toEqual(expect.any(String));
		} else {
			expect(last.status).toBe(200);
			if (requests.length === 1) outcomes.clean++;
			expect(output).toEqual({ _id: id, active: false });
		}
	});
	// The seed gives every case several times.
	expect(outcomes.resentAfter429).toBeGreaterThan(2);
	expect(outcomes.failedWith503).toBeGreaterThan(2);
	expect(outcomes.failedWithReset).toBeGreaterThan(2);
	expect(outcomes.clean).toBeGreaterThan(100);
	expect(log).toHaveLength(ids.length + log.filter((entry) => entry.status === 429).length);
});
