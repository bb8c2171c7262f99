/**
 * User → Create or Update in n8n-core's engine against the simulator: absent, present, the same person twice in
 * one run, e-mail case differences, matching by username, and servers before 8.4 (no users.info by e-mail).
 */
import { builtNodeTypes, CREDENTIAL, credentialFor, pairedItems, requestsTo } from './helpers';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { runWorkflow, type EngineWorkflow } from '../support/engine';

let sim: Simulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

const NODE = 'Create or Update';

function workflow(parameters: IDataObject = {}, settings: IDataObject = {}): EngineWorkflow {
	return {
		name: 'Create or Update',
		nodes: [
			{
				parameters: {
					resource: 'user',
					operation: 'createOrUpdate',
					email: '={{ $json.email }}',
					username: '={{ $json.username }}',
					name: '={{ $json.name }}',
					password: 'Initial-Passw0rd!',
					simplify: true,
					...parameters,
				},
				id: 'c0u00000-0000-4000-8000-000000000001',
				name: NODE,
				type: 'n8n-nodes-rocketchat.rocketChat',
				typeVersion: 1,
				position: [0, 0],
				credentials: { [CREDENTIAL]: { id: '1', name: 'Rocket.Chat account' } },
				...settings,
			},
		],
		connections: {},
	} as unknown as EngineWorkflow;
}

async function run(people: IDataObject[], parameters: IDataObject = {}, settings: IDataObject = {}) {
	const result = await runWorkflow(builtNodeTypes(), {
		workflow: workflow(parameters, settings),
		credentials: { [CREDENTIAL]: credentialFor(sim!, sim!.admin, { twoFactorMethod: 'password', password: sim!.admin.password }) },
		startNode: NODE,
		inputItems: people.map((json) => ({ json }) as INodeExecutionData),
	});
	expect([result.status, (result.error as Error | undefined)?.message]).toEqual(['success', undefined]);
	return result.output(NODE)[0];
}

const writes = () => sim!.requests.filter((request) => request.method === 'POST').map((request) => request.path);
const ann = { email: 'ann.new@example.com', username: 'ann.new', name: 'Ann New' };

describe.each(['8.8.1', '7.10.0'])('Rocket.Chat %s', (serverVersion) => {
	const modern = serverVersion.startsWith('8');

	beforeEach(async () => {
		sim = await startSimulator({ users: 30, seed: 21, serverVersion });
	});

	test('absent: creates the user, one item saying so; the version is never asked', async () => {
		const items = await run([ann, { email: 'bo.new@example.com', username: 'bo.new', name: 'Bo New' }]);
		expect(items.map((item) => [item.json.username, item.json.outcome])).toEqual([
			['ann.new', 'created'],
			['bo.new', 'created'],
		]);
		expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(Object.keys(items[0].json).sort()).toEqual(['active', 'createdAt', 'emails', 'id', 'lastLogin', 'name', 'outcome', 'roles', 'status', 'username']);
		expect(sim!.state.userByEmail('ann.new@example.com')?.name).toBe('Ann New');
		expect(requestsTo(sim!, '/api/info')).toEqual([]);
		expect(writes()).toEqual(['/api/v1/users.create', '/api/v1/users.create']);
		// 8.4+: users.info by e-mail for each item. Before, the server refuses that once (400 invalid-params) and
		// every item is found by a search narrowed to the exact address (users.list would ignore `email`).
		const infoByEmail = requestsTo(sim!, '/api/v1/users.info');
		expect(infoByEmail.map((request) => [request.query, request.status])).toEqual(
			modern
				? [
						[{ email: 'ann.new@example.com' }, 400],
						[{ email: 'bo.new@example.com' }, 400],
					]
				: [[{ email: 'ann.new@example.com' }, 400]],
		);
		expect(requestsTo(sim!, '/api/v1/users.listByStatus').map((request) => request.query)).toEqual(
			modern
				? []
				: [
						expect.objectContaining({ searchTerm: 'ann.new@example.com' }),
						expect.objectContaining({ searchTerm: 'bo.new@example.com' }),
					],
		);
	});

	test('present: updates only what differs, and a re-run with the same data writes nothing', async () => {
		const existing = sim!.addUser({ username: 'cy.old', name: 'Cy Old', email: 'cy@example.com' });
		const [updated] = await run([{ email: 'cy@example.com', username: 'cy.old', name: 'Cy Renamed' }]);
		expect(updated.json).toMatchObject({ id: existing.userId, name: 'Cy Renamed', outcome: 'updated' });
		const update = requestsTo(sim!, '/api/v1/users.update');
		expect(update.map((request) => request.body)).toEqual([{ userId: existing.userId, data: { name: 'Cy Renamed' } }]);
		expect(sim!.state.userById(existing.userId)?.name).toBe('Cy Renamed');

		sim!.clearRequests();
		const [again] = await run([{ email: 'cy@example.com', username: 'cy.old', name: 'Cy Renamed' }]);
		expect(again.json).toMatchObject({ id: existing.userId, outcome: 'unchanged' });
		expect(writes()).toEqual([]);
	});

	test('the same person twice in one run: one create, then one update', async () => {
		const before = sim!.state.users.length;
		const items = await run([ann, { ...ann, name: 'Ann Newer' }]);
		expect(items.map((item) => item.json.outcome)).toEqual(['created', 'updated']);
		expect(items[1].json.id).toBe(items[0].json.id);
		expect(sim!.state.users.length).toBe(before + 1);
		expect(sim!.state.userByEmail(ann.email)?.name).toBe('Ann Newer');
		expect(writes()).toEqual(['/api/v1/users.create', '/api/v1/users.update']);
	});

	test('e-mail case differences find the same user and do not rewrite the address', async () => {
		const existing = sim!.addUser({ username: 'dee.case', name: 'Dee Case', email: 'dee.case@example.com' });
		const before = sim!.state.users.length;
		const [item] = await run([{ email: 'Dee.CASE@Example.com', username: 'dee.case', name: 'Dee Case' }]);
		expect(item.json).toMatchObject({ id: existing.userId, outcome: 'unchanged' });
		expect(sim!.state.users.length).toBe(before);
		expect(writes()).toEqual([]);
	});

	test('an address that only contains the one searched for is not a match', async () => {
		sim!.addUser({ username: 'eve.long', name: 'Eve', email: 'xeve@example.com' });
		const [item] = await run([{ email: 'eve@example.com', username: 'eve', name: 'Eve' }]);
		expect(item.json).toMatchObject({ username: 'eve', outcome: 'created' });
	});

	test('Match By username: users.info by username on any version, no version request', async () => {
		const existing = sim!.addUser({ username: 'fay.user', name: 'Fay', email: 'fay@example.com' });
		const [item] = await run([{ email: 'fay.new@example.com', username: 'fay.user', name: 'Fay' }], { matchBy: 'username' });
		expect(item.json).toMatchObject({ id: existing.userId, outcome: 'updated', emails: ['fay.new@example.com'] });
		expect(requestsTo(sim!, '/api/info')).toEqual([]);
		expect(requestsTo(sim!, '/api/v1/users.update').map((request) => request.body)).toEqual([
			{ userId: existing.userId, data: { email: 'fay.new@example.com' } },
		]);
	});
});

test('Data to Send: Auto-Map Input Data takes each item\'s name, email and username; an item without one fails alone, named', async () => {
	sim = await startSimulator({ users: 5, seed: 22, serverVersion: '8.9.2' });
	const existing = sim.addUser({ username: 'gus.old', name: 'Gus', email: 'gus@example.com' });
	const before = sim.state.users.length;
	const items = await run(
		[
			{ ...ann, department: 'Sales' },
			{ email: 'no.name@example.com', username: 'no.name' },
			{ email: 'GUS@example.com', username: 'gus.old', name: 'Gus Renamed' },
		],
		// The fields below are hidden in this mode: n8n drops them, and they would not be read anyway.
		{ dataToSend: 'autoMapInputData', email: 'ignored@example.com', username: 'ignored', name: 'Ignored' },
		{ onError: 'continueRegularOutput' },
	);
	expect(items.map((item) => item.json.outcome ?? item.json.error)).toEqual([
		'created',
		'Input field "name" (item 1): missing: with Data to Send set to Auto-Map Input Data, every item needs a field named name (or choose Define Below)',
		'updated',
	]);
	expect(pairedItems(items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(sim.state.users.length).toBe(before + 1);
	expect(sim.state.userByEmail(ann.email)).toMatchObject({ username: ann.username, name: ann.name });
	expect(sim.state.userById(existing.userId)?.name).toBe('Gus Renamed');
	expect(sim.state.userByEmail('ignored@example.com')).toBeUndefined();
	expect(requestsTo(sim, '/api/v1/users.info').map((request) => request.query)).toEqual([{ email: ann.email }, { email: 'GUS@example.com' }]);
});

test('/api/info as the server answers it: major.minor for anyone, the full version for view-statistics', async () => {
	sim = await startSimulator({ users: 2, serverVersion: '8.4.2' });
	const anonymous = (await (await fetch(`${sim.url}/api/info`)).json()) as { info?: unknown };
	expect(anonymous).toMatchObject({ version: '8.4', success: true });
	expect(anonymous.info).toBeUndefined();
	const admin = await (await fetch(`${sim.url}/api/info`, { headers: { 'X-User-Id': sim.admin.userId, 'X-Auth-Token': sim.admin.authToken } })).json();
	expect(admin).toMatchObject({ version: '8.4.2', info: { version: '8.4.2' } });
});

test('a 7.10 server has no e-mail lookup: users.info refuses it, users.list ignores it (so neither is used there)', async () => {
	sim = await startSimulator({ users: 5, serverVersion: '7.10.0' });
	const headers = { 'X-User-Id': sim.admin.userId, 'X-Auth-Token': sim.admin.authToken };
	const email = sim.state.users[1].emails[0].address;
	const info = await fetch(`${sim.url}/api/v1/users.info?email=${encodeURIComponent(email)}`, { headers });
	expect(info.status).toBe(400);
	expect(await info.json()).toMatchObject({ success: false, errorType: 'invalid-params' });
	const list = (await (await fetch(`${sim.url}/api/v1/users.list?email=${encodeURIComponent(email)}`, { headers })).json()) as { total: number };
	expect(list.total).toBe(sim.state.users.length);
});
