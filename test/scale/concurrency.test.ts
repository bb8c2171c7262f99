// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { createHash } from 'node:crypto';
import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, requestsTo, servedPerWindow, serverUserIds, startDelayProxy, steppedClock } from './support';

/** A fixed pseudo-random delay per request (0-24 ms), so every run sees the same "varied latency". */
function delayOf(key: string): number {
	return createHash('sha1').update(key).digest()[0] % 25;
}

describe('Concurrency with varied latency', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 400, seed: 31 });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('Get User: outputs in input order, each paired with its item, failures in place', async () => {
		const ids = (await serverUserIds(sim)).slice(0, 60);
		// Two unknown IDs fail (continueOnFail) and must stay at their positions.
		const inputs = ids.map((id, index) => (index === 7 || index === 41 ? `missing${index}` : id));
		const proxy = await startDelayProxy(sim.url, {
			// The first item is the slowest of all, so later items overtake it.
			delay: (_method, url) => (url.includes(inputs[0]) ? 80 : delayOf(url)),
		});
		try {
			sim.clearRequests();
			const result = await runRocketChat({
				parameters: {
					resource: 'user',
					operation: 'get',
					lookup: 'userId',
					lookupValue: '={{ $json.id }}',
					requestOptions: { concurrency: 6 },
				},
				credential: adminCredential(sim, proxy.url),
				inputItems: inputs.map((id) => ({ json: { id } })),
				onError: 'continueRegularOutput',
			});

			expect(result.status).toBe('success');
			const [items] = result.output('Rocket.Chat');
			expect(items.map((item) => item.pairedItem)).toEqual(inputs.map((_, item) => ({ item })));
			items.forEach((item, index) => {
				if (inputs[index].startsWith('missing')) expect(item.json.error).toEqual(expect.any(String));
				else expect(item.json._id).toBe(inputs[index]);
			});
			// The latency did reorder the requests, and no more than 6 were open at once.
			const arrived = requestsTo(sim, 'GET', 'users.info').map((entry) => entry.query.userId);
			expect([...arrived].sort()).toEqual([...inputs].sort());
			expect(arrived).not.toEqual(inputs);
			expect(proxy.maxInFlight).toBeGreaterThan(1);
			expect(proxy.maxInFlight).toBeLessThanOrEqual(6);
		} finally {
			await proxy.close();
		}
	});

	test('Limit and Return All per item: each item’s users together, in input order, paired with it', async () => {
		const all = await serverUserIds(sim);
		const limits = [230, 40, 1, 130, 400, 99, 101];
		const proxy = await startDelayProxy(sim.url, { delay: (_method, url) => delayOf(url) });
		try {
			const result = await runRocketChat({
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: false,
					limit: '={{ $json.limit }}',
					requestOptions: { concurrency: 4, pageConcurrency: 3 },
				},
				credential: adminCredential(sim, proxy.url),
				inputItems: limits.map((limit) => ({ json: { limit } })),
			});

			expect(result.status).toBe('success');
			const [items] = result.output('Rocket.Chat');
			const expected = limits.flatMap((limit, item) => all.slice(0, limit).map((id) => ({ id, item })));
			const actual = items.map((output) => ({ id: output.json._id, item: (output.pairedItem as { item: number }).item }));
			expect(actual).toEqual(expected);

			// Return All on several items at once: item concurrency × page concurrency.
			const everyone = await runRocketChat({
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					requestOptions: { concurrency: 3, pageConcurrency: 4 },
				},
				credential: adminCredential(sim, proxy.url),
				inputItems: [{ json: {} }, { json: {} }, { json: {} }],
			});
			const [outputs] = everyone.output('Rocket.Chat');
			expect(outputs.map((output) => ({ id: output.json._id, item: (output.pairedItem as { item: number }).item }))).toEqual(
				[0, 1, 2].flatMap((item) => all.map((id) => ({ id, item }))),
			);
		} finally {
			await proxy.close();
		}
	});
});

describe('Concurrency against the rate limiter', () => {
	const CALLS = 5;
	const WINDOW_MS = 250;
	let sim: Simulator;
	let clock: ReturnType<typeof steppedClock>;
	beforeAll(async () => {
		clock = steppedClock();
		sim = await startSimulator({ users: 100, seed: 32, now: clock.now });
		sim.setRateLimit({ calls: CALLS, windowMs: WINDOW_MS }, { admins: true });
	});
	afterAll(async () => {
		await sim.close();
		clock.stop();
	});

	test(`${CALLS} calls per ${WINDOW_MS} ms, Concurrency 8: never more served per window, every item succeeds`, async () => {
		const ids = (await serverUserIds(sim)).slice(0, 40);
		sim.setRateLimit({ calls: CALLS, windowMs: WINDOW_MS }, { admins: true }); // fresh windows
		sim.clearRequests();
		const result = await runRocketChat({
			parameters: {
				resource: 'user',
				operation: 'get',
				lookup: 'userId',
				lookupValue: '={{ $json.id }}',
				requestOptions: { concurrency: 8 },
			},
			credential: adminCredential(sim),
			inputItems: ids.map((id) => ({ json: { id } })),
		});

		expect(result.status).toBe('success');
		const [items] = result.output('Rocket.Chat');
		expect(items.map((item) => item.json._id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));

		const log = requestsTo(sim, 'GET', 'users.info');
		const windows = servedPerWindow(log, WINDOW_MS);
		expect(Math.max(...windows)).toBeLessThanOrEqual(CALLS);
		expect(windows.reduce((sum, served) => sum + served, 0)).toBe(ids.length);
		// The node paces itself by X-RateLimit-Remaining/Reset instead of running into the limit:
		// a 429 only where its request met the very end of a window, at most one per window.
		const refused = log.filter((entry) => entry.status === 429).length;
		expect(refused).toBeLessThanOrEqual(windows.length);
	});
});
