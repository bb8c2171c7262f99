// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, duplicates, firstDifference, requestsTo, serverUserIds } from './support';

const USERS = 20_000;
let sim: Simulator;

beforeAll(async () => {
	// The real clock: a 429's X-RateLimit-Reset must lie in the near future to be waited out.
	sim = await startSimulator({ users: USERS, seed: 20 });
	// Admins bypass the limiter; this only makes the injected 429s reset 100 ms after they are sent.
	sim.setRateLimit({ calls: 1_000_000, windowMs: 100 });
});
afterAll(async () => {
	await sim.close();
});

test('Return All of 20,000 users while ~10% of page requests fail: everyone once, in the server order', async () => {
	const expected = await serverUserIds(sim);
	expect(expected).toHaveLength(USERS + 3); // + the admin, plain and TOTP credential users
	sim.clearRequests();
	sim.injectFaults({ probability: 0.1, kinds: ['429', '503', 'reset'], methods: ['GET'], paths: ['users.list'], seed: 5 });

	const result = await runRocketChat({
		// Retries are raised so a page that draws several faults in a row still gets through.
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, requestOptions: { maxRetries: 10 } },
		credential: adminCredential(sim),
	});
	sim.clearFaults();

	expect(result.status).toBe('success');
	const [items] = result.output('Rocket.Chat');
	const ids = items.map((item) => item.json._id as string);
	expect(duplicates(ids)).toEqual([]);
	expect({ count: ids.length, firstDifference: firstDifference(ids, expected) }).toEqual({
		count: expected.length,
		firstDifference: -1,
	});
	expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);

	// The faults really happened, about one request in ten, of every kind.
	const log = requestsTo(sim, 'GET', 'users.list');
	const faults = log.filter((entry) => entry.fault !== undefined);
	const byKind = (kind: string) => faults.filter((entry) => entry.fault === kind).length;
	expect(byKind('429')).toBeGreaterThan(0);
	expect(byKind('503')).toBeGreaterThan(0);
	expect(byKind('reset')).toBeGreaterThan(0);
	expect(faults.length / log.length).toBeGreaterThan(0.05);
	expect(faults.length / log.length).toBeLessThan(0.15);

	// Every page was served exactly once: each failed request was resent, and nothing more was fetched
	// (the list did not change, so one walk was enough).
	const served = log.filter((entry) => entry.status === 200).map((entry) => Number(entry.query.offset));
	// Pages of 100 overlap by one user (the check that the list did not shift): they start every 99.
	const pages = Math.ceil((expected.length - 1) / 99);
	expect(served.sort((a, b) => a - b)).toEqual(Array.from({ length: pages }, (_, page) => page * 99));
	expect(log.every((entry) => entry.query.count === '100')).toBe(true);
	expect(log).toHaveLength(pages + faults.length);
});
