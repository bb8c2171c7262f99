// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { startSimulator, type Simulator } from '../../simulator/server';
import { adminCredential, duplicates, requestsTo, serverUserIds, startDelayProxy } from './support';

const TOTAL = 3_000; // 30 pages

let sim: Simulator;
beforeEach(async () => {
	sim = await startSimulator({ users: TOTAL - 3, seed: 40 });
});
afterEach(async () => {
	await sim.close();
});

/** Removes the users at these positions of the server's order. */
function removeAt(order: readonly string[], positions: readonly number[]): void {
	for (const position of positions) sim.state.removeUser(sim.state.userById(order[position])!);
}

/** Adds a user right behind each of these positions of the server's order (usernames sort so). */
function addBehind(order: readonly string[], positions: readonly number[], tag: string): void {
	for (const position of positions) {
		const behind = sim.state.userById(order[position])!;
		sim.addUser({ username: `${behind.username}.${tag}`, withToken: false });
	}
}

/** Runs Return All through a proxy that calls `change(n)` before forwarding the n-th users.list request. */
async function returnAll(pageConcurrency: number, change: (listRequest: number) => void) {
	let listRequests = 0;
	const proxy = await startDelayProxy(sim.url, {
		delay: () => 2,
		onForward: (_method, url) => {
			if (url.startsWith('/api/v1/users.list')) change(++listRequests);
		},
	});
	try {
		sim.clearRequests();
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, requestOptions: { pageConcurrency } },
			credential: adminCredential(sim, proxy.url),
		});
		expect(result.status).toBe('success');
		return result.output('Rocket.Chat')[0].map((item) => item.json._id as string);
	} finally {
		await proxy.close();
	}
}

/** users.list requests per walk (a walk starts at offset 0). */
function walks(): number[] {
	const sizes: number[] = [];
	for (const entry of requestsTo(sim, 'GET', 'users.list')) {
		if (entry.query.offset === '0') sizes.push(0);
		sizes[sizes.length - 1]++;
	}
	return sizes;
}

describe.each([1, 4, 16])('Return All with Page Concurrency %i while the list changes', (pageConcurrency) => {
	test('users added and removed mid-walk: no duplicates, everyone who existed throughout, then the new list', async () => {
		const before = await serverUserIds(sim);
		let changedBefore = 0;
		const ids = await returnAll(pageConcurrency, (request) => {
			if (request !== 9) return;
			changedBefore = request;
			// Removals early in the list shift later users to lower offsets (where a walk would miss
			// them); additions shift them up (where a walk would see them twice). `total` grows by 4.
			removeAt(before, [5, 150, 420, 777, 1234, 1800, 2500, 2990]);
			addBehind(before, [0, 99, 100, 555, 1499, 2000, 2099, 2100, 2600, 2998, 2999, 42], 'new');
		});
		const after = await serverUserIds(sim);
		expect(after).toHaveLength(before.length + 4);

		expect(duplicates(ids)).toEqual([]);
		const kept = new Set(ids);
		const existedThroughout = before.filter((id) => after.includes(id));
		expect(existedThroughout.filter((id) => !kept.has(id))).toEqual([]);
		// The change was seen, and a second, undisturbed walk returned exactly the new list.
		expect(ids).toEqual(after);
		const perWalk = walks();
		expect(changedBefore).toBeGreaterThan(1);
		expect(changedBefore).toBeLessThanOrEqual(perWalk[0]);
		expect(perWalk).toHaveLength(2);
	});

	test('users keep being added during every walk: no duplicates, nobody missed', async () => {
		const before = await serverUserIds(sim);
		let added = 0;
		const ids = await returnAll(pageConcurrency, (request) => {
			// Every 7th page request, someone signs up near the start of the list: no walk ever sees a stable total.
			if (request % 7 === 0) addBehind(before, [(added++ * 13) % 200], `late${added}`);
		});
		expect(walks().length).toBeGreaterThanOrEqual(3);
		expect(duplicates(ids)).toEqual([]);
		const kept = new Set(ids);
		expect(before.filter((id) => !kept.has(id))).toEqual([]);
	});
});

/*
 * Pages overlap by one user, and a page must start with the previous page's last user: that reveals a
 * shift of the list even when `total` stays the same.
 */
describe('Return All while the list shifts with an unchanged total', () => {
	test('a removal and an addition at the same moment: nobody who existed throughout is missed', async () => {
		const before = await serverUserIds(sim);
		const ids = await returnAll(4, (request) => {
			if (request !== 10) return;
			removeAt(before, [50]);
			addBehind(before, [2999], 'late');
		});
		const kept = new Set(ids);
		expect(duplicates(ids)).toEqual([]);
		expect(before.filter((id, position) => position !== 50 && !kept.has(id))).toEqual([]);
		expect(walks()).toHaveLength(2);
	});
});

/*
 * When the list changes during every walk, the last walk reads one page at a time and finds its place
 * again after each change (transport/paginate.ts, resyncingWalk).
 */
describe('Return All while users are removed during every walk', () => {
	test('users removed during every walk: nobody who existed throughout is missed', async () => {
		const before = await serverUserIds(sim);
		const removed = new Set<string>();
		const ids = await returnAll(4, (request) => {
			if (request % 7 !== 0) return;
			const id = before[10 + removed.size * 3];
			removed.add(id);
			sim.state.removeUser(sim.state.userById(id)!);
		});
		expect(walks()).toHaveLength(3);
		const kept = new Set(ids);
		expect(before.filter((id) => !removed.has(id) && !kept.has(id))).toEqual([]);
	});
});
