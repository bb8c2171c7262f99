/**
 * Get Many users in a workflow against a simulator with more users than three pages hold: Return All
 * outputs every user once, in the server's order, from offset/count page requests; a Limit that is
 * not a multiple of the page size asks for exactly what is missing.
 */
import { credentialFor, expectNoSecrets, requestsTo, runFile } from './helpers';

import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import type { LoggedRequest, SimUser } from '../../simulator/types';

let sim: Simulator;

beforeAll(async () => {
	// 250 seeded users + admin, plain.user and totp.admin: 253, so the last page is partial.
	sim = await startSimulator({ users: 250, seed: 21, now: new Date('2026-06-01T12:00:00.000Z') });
});
afterAll(async () => {
	await sim.close();
});

/** Stable sort like the server's (MongoDB order without collation; ties keep insertion order). */
function serverOrder(users: SimUser[], key: (user: SimUser) => string | number, direction: 1 | -1): SimUser[] {
	return users
		.map((user, index) => ({ user, index }))
		.sort((a, b) => {
			const x = key(a.user);
			const y = key(b.user);
			return x < y ? -direction : x > y ? direction : a.index - b.index;
		})
		.map(({ user }) => user);
}

const page = (request: LoggedRequest) => [Number(request.query.offset), Number(request.query.count)];

describe('Get Many users', () => {
	let result: Awaited<ReturnType<typeof runFile>>;
	let lists: LoggedRequest[];

	beforeAll(async () => {
		expect(sim.state.users).toHaveLength(253);
		sim.clearRequests();
		result = await runFile('get-many-users', { credential: credentialFor(sim, sim.admin) });
		lists = requestsTo(sim, '/api/v1/users.list');
	});

	test('the run succeeds and only lists users', () => {
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(sim.requests.every((request) => request.path === '/api/v1/users.list' && request.status === 200)).toBe(true);
		expectNoSecrets(result, [sim.admin.authToken]);
	});

	test('Return All: every user exactly once, in the server order (username), with their listing fields', () => {
		const [items] = result.output('All Users');
		const expected = serverOrder(sim.state.users, (user) => user.username, 1);
		expect(items.map((item) => item.json._id)).toEqual(expected.map((user) => user._id));
		expect(new Set(items.map((item) => item.json._id)).size).toBe(253);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const admin = items.find((item) => item.json._id === sim.admin.userId)!.json;
		expect(admin).toMatchObject({ username: 'admin', name: 'Administrator', roles: ['user', 'admin'], active: true });
		expect(admin.success).toBeUndefined();
	});

	test('Return All: offset/count pages of 100, each starting at the last user of the one before, covering the 253 users', () => {
		// v1 execution order: the upper branch ("All Users") runs completely before the lower one.
		const returnAll = lists.filter((request) => request.seq < lists.find((r) => r.query.sort !== undefined)!.seq);
		expect(page(returnAll[0])).toEqual([0, 100]);
		// The other pages may be fetched in parallel: compare them as a set.
		expect(returnAll.map(page).sort((a, b) => a[0] - b[0])).toEqual([
			[0, 100],
			[99, 100],
			[198, 100],
		]);
		expect(returnAll.every((request) => request.query.sort === undefined && request.headers['x-user-id'] === sim.admin.userId)).toBe(true);
	});

	test('Limit 130 (with Sort and Simplify): 100 + 30, the newest users first, simplified', () => {
		const limited = lists.filter((request) => request.query.sort !== undefined);
		expect(limited.map(page)).toEqual([
			[0, 100],
			[100, 30],
		]);
		expect(limited.every((request) => request.query.sort === '{"createdAt":-1}')).toBe(true);
		const users = result.json('Newest 130 Users');
		const expected = serverOrder(sim.state.users, (user) => user.createdAt.getTime(), -1).slice(0, 130);
		expect(users.map((user) => user.id)).toEqual(expected.map((user) => user._id));
		expect(Object.keys(users[0]).sort()).toEqual(['active', 'emails', 'id', 'lastLogin', 'name', 'roles', 'status', 'username']);
		const first = expected[0];
		expect(users[0]).toMatchObject({ username: first.username, emails: first.emails.map((email) => email.address) } as IDataObject);
	});
});

describe('Return All of a list that fits in one page', () => {
	const onlyPlainUser = (workflow: { nodes: Array<{ name: string; parameters: IDataObject }> }) => {
		workflow.nodes.find((node) => node.name === 'All Users')!.parameters.options = { email: 'plain.user@example.com' };
	};

	test('outputs that list', async () => {
		sim.clearRequests();
		const result = await runFile('get-many-users', { credential: credentialFor(sim, sim.admin), patch: onlyPlainUser });
		expect(result.status).toBe('success');
		expect(result.json('All Users').map((user) => user.username)).toEqual(['plain.user']);
		const returnAll = requestsTo(sim, '/api/v1/users.list').filter((request) => request.query.email !== undefined);
		expect(returnAll[0].query).toEqual({ email: 'plain.user@example.com', offset: '0', count: '100' });
		// Whatever else it asks stays past the end of the list.
		expect(returnAll.slice(1).every((request) => Number(request.query.offset) >= 1)).toBe(true);
	});

	// A first page that holds the whole list (total 1, 1 item for count=100) is the end of it.
	test('asks only once', async () => {
		sim.clearRequests();
		const result = await runFile('get-many-users', { credential: credentialFor(sim, sim.admin), patch: onlyPlainUser });
		expect(result.status).toBe('success');
		expect(requestsTo(sim, '/api/v1/users.list').filter((request) => request.query.email !== undefined)).toHaveLength(1);
	});
});
