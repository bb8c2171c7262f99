/**
 * Both resources as chains of operations in one workflow each, run by n8n-core's WorkflowExecute with
 * the built node against the simulator: each node's output, the pairing back to the input items, the
 * requests the simulator received and its state afterwards.
 */
import { apiCalls, credentialFor, expectNoSecrets, pairedItems, requestsTo, runFile } from './helpers';

import type { IDataObject } from 'n8n-workflow';
import { sha256Hex, startSimulator, type Simulator } from '../../simulator/server';

const T0 = new Date('2026-06-01T12:00:00.000Z');
const HOUR = 3_600_000;

let sim: Simulator;

describe('User: Create → Get → Update → Set Active Status → Get → Delete', () => {
	beforeAll(async () => {
		// 8.9.2: users.create before its 9.0 2FA gate (simulator/versions.ts createTwoFactorGated); the credential has no 2FA.
		sim = await startSimulator({ users: 20, seed: 11, now: T0, serverVersion: '8.9.2' });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('every node works on the items of the previous one, and the server ends up without the users', async () => {
		const usersBefore = sim.state.users.length;
		sim.clearRequests();
		const adminCredential = credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password });
		const result = await runFile('user-lifecycle', { credential: adminCredential });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// Create: what the server stored, one item per Split Out item.
		const [created] = result.output('Create User');
		expect(created.map((item) => item.json.username)).toEqual(['wf.ada', 'wf.alan']);
		expect(pairedItems(created)).toEqual([{ item: 0 }, { item: 1 }]);
		const ids = created.map((item) => item.json._id as string);
		expect(new Set(ids).size).toBe(2);
		expect(created[0].json).toMatchObject({
			name: 'Ada Lovelace',
			nickname: 'ada',
			emails: [{ address: 'ada@wf.example.com', verified: true }],
			active: true,
			roles: ['user'],
			requirePasswordChange: true,
		});
		const createBodies = requestsTo(sim, '/api/v1/users.create').map((request) => request.body as IDataObject);
		expect(createBodies).toEqual([
			{ name: 'Ada Lovelace', email: 'ada@wf.example.com', password: 'ada-Secret-1843', username: 'wf.ada', nickname: 'ada', verified: true, requirePasswordChange: true },
			{ name: 'Alan Turing', email: 'alan@wf.example.com', password: 'alan-Secret-1936', username: 'wf.alan', nickname: 'alan', verified: true, requirePasswordChange: true },
		]);

		// Get by username ("@wf.ada" typed with the @): the same users, full info.
		const got = result.json('Get User');
		expect(got.map((user) => user._id)).toEqual(ids);
		expect(requestsTo(sim, '/api/v1/users.info').slice(0, 2).map((request) => request.query)).toEqual([{ username: 'wf.ada' }, { username: 'wf.alan' }]);
		expect(got[0]).toMatchObject({ username: 'wf.ada', canViewAllInfo: true, requirePasswordChange: true });

		// Update (2FA-gated: the credential's password answers it).
		const updated = result.json('Update User');
		expect(updated.map((user) => [user._id, user.name, user.bio, user.statusText])).toEqual([
			[ids[0], 'Ada Lovelace (updated)', 'Created by n8n as wf.ada', 'Onboarding'],
			[ids[1], 'Alan Turing (updated)', 'Created by n8n as wf.alan', 'Onboarding'],
		]);
		const updates = requestsTo(sim, '/api/v1/users.update');
		expect(updates.map((request) => request.body)).toEqual(
			ids.map((userId, index) => ({
				userId,
				data: { bio: `Created by n8n as ${['wf.ada', 'wf.alan'][index]}`, name: `${['Ada Lovelace', 'Alan Turing'][index]} (updated)`, statusText: 'Onboarding' },
			})),
		);
		for (const request of updates) {
			expect(request.status).toBe(200);
			expect(request.headers['x-2fa-method']).toBe('password');
			expect(request.headers['x-2fa-code']).toBe(sha256Hex(sim.admin.password));
		}

		// Deactivate, then read back through the server (Simplify on).
		expect(result.json('Deactivate User')).toEqual(ids.map((_id) => ({ _id, active: false })));
		expect(requestsTo(sim, '/api/v1/users.setActiveStatus').map((request) => request.body)).toEqual(
			ids.map((userId) => ({ activeStatus: false, userId, confirmRelinquish: false })),
		);
		const deactivated = result.json('Get Deactivated User');
		expect(deactivated.map((user) => Object.keys(user).sort())).toEqual(
			ids.map(() => ['active', 'createdAt', 'emails', 'id', 'lastLogin', 'name', 'roles', 'status', 'username']),
		);
		expect(deactivated.map((user) => [user.id, user.username, user.name, user.active, user.emails])).toEqual([
			[ids[0], 'wf.ada', 'Ada Lovelace (updated)', false, ['ada@wf.example.com']],
			[ids[1], 'wf.alan', 'Alan Turing (updated)', false, ['alan@wf.example.com']],
		]);

		// Delete, by the username the Create node returned for the same item ($('Create User').item).
		const [deleted] = result.output('Delete User');
		expect(deleted.map((item) => item.json)).toEqual([{}, {}]);
		expect(pairedItems(deleted)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requestsTo(sim, '/api/v1/users.delete').map((request) => request.body)).toEqual([
			{ username: 'wf.ada', confirmRelinquish: false },
			{ username: 'wf.alan', confirmRelinquish: false },
		]);

		// The whole conversation, in order: each node finished all items before the next one started.
		expect(apiCalls(sim)).toEqual([
			...Array(2).fill('POST /api/v1/users.create'),
			...Array(2).fill('GET /api/v1/users.info'),
			...Array(2).fill('POST /api/v1/users.update'),
			...Array(2).fill('POST /api/v1/users.setActiveStatus'),
			...Array(2).fill('GET /api/v1/users.info'),
			...Array(2).fill('POST /api/v1/users.delete'),
		]);
		expect(sim.requests.every((request) => request.status === 200 && request.headers['x-user-id'] === sim.admin.userId)).toBe(true);

		// Server state: the users existed (audit trail) and are gone now.
		expect(sim.state.users).toHaveLength(usersBefore);
		for (const id of ids) expect(sim.state.userById(id)).toBeUndefined();
		expect(sim.state.userByUsername('wf.ada')).toBeUndefined();
		expect(sim.state.audit.filter((entry) => entry.action === 'user.delete').map((entry) => [entry.actorId, entry.targetId])).toEqual(
			ids.map((id) => [sim.admin.userId, id]),
		);
		// The credential's secrets appear nowhere in the run; the new users' passwords in no Rocket.Chat output.
		expectNoSecrets(result, [sim.admin.authToken, sim.admin.password, sha256Hex(sim.admin.password)]);
		const rocketChatNodes = ['Create User', 'Get User', 'Update User', 'Deactivate User', 'Get Deactivated User', 'Delete User'];
		expectNoSecrets(result, ['ada-Secret-1843', 'alan-Secret-1936'], rocketChatNodes);
	});
});

describe('Device Management', () => {
	beforeAll(async () => {
		sim = await startSimulator({ users: 20, seed: 12, now: T0 });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('own sessions: Get Many Own → Get Own → Log Out Own ends every other device of the credential user', async () => {
		const me = sim.plainUser;
		const user = sim.state.userById(me.userId)!;
		const extra = [
			sim.addSession({ userId: me.userId, loginAt: new Date(T0.getTime() - 72 * HOUR), device: { name: 'Firefox', os: { name: 'Linux', version: 'x86_64' } }, ip: '10.0.0.7' }),
			sim.addSession({ userId: me.userId, loginAt: new Date(T0.getTime() - 48 * HOUR), device: { type: 'mobile-app', name: 'Rocket.Chat', os: { name: 'iOS', version: '17.5' } }, ip: '10.0.0.8' }),
			sim.addSession({ userId: me.userId, loginAt: new Date(T0.getTime() - 24 * HOUR), device: { type: 'other', name: 'curl' }, ip: '203.0.113.9' }),
		];
		const current = sim.state.sessions.find((session) => session.userId === me.userId && !extra.some((added) => added.session === session))!;
		// Another user's session must not be touched.
		const stranger = sim.addSession({ userId: sim.admin.userId, loginAt: new Date(T0.getTime() - 30 * HOUR) });
		sim.clearRequests();

		const result = await runFile('device-sessions', { credential: credentialFor(sim, me) });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// Oldest login first (the Sort option), the session of the credential itself flagged current.
		const listed = result.json('Get My Sessions');
		expect(listed.map((session) => [session.sessionId, session.current])).toEqual([
			...extra.map(({ session }) => [session.sessionId, false]),
			[current.sessionId, true],
		]);
		expect(listed.every((session) => session.userId === me.userId)).toBe(true);
		expect(listed[0]).toMatchObject({ ip: '10.0.0.7', device: { name: 'Firefox', os: { name: 'Linux' } } });

		// Details of the three other sessions, paired to the filtered items.
		const [details] = result.output('Get Session Details');
		expect(details.map((item) => [item.json.sessionId, item.json.userId, item.json.ip])).toEqual(
			extra.map(({ session }) => [session.sessionId, me.userId, session.ip]),
		);
		expect(pairedItems(details)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.json('Log Out Session')).toEqual(extra.map(({ session }) => ({ sessionId: session.sessionId })));

		// Return All may look past the end once (see pagination.test.ts); it must not ask for anything else.
		expect(apiCalls(sim).filter((call) => call !== 'GET /api/v1/sessions/list')).toEqual([
			...Array(3).fill('GET /api/v1/sessions/info'),
			...Array(3).fill('POST /api/v1/sessions/logout.me'),
		]);
		const lists = requestsTo(sim, '/api/v1/sessions/list');
		// The sort is applied by the node after reading (the server sorts only inside a page): not sent.
		expect(lists[0].query).toEqual({ offset: '0', count: '100' });
		expect(lists.slice(1).every((request) => Number(request.query.offset) >= listed.length)).toBe(true);
		expect(lists[lists.length - 1].seq).toBeLessThan(requestsTo(sim, '/api/v1/sessions/info')[0].seq);
		expect(requestsTo(sim, '/api/v1/sessions/logout.me').map((request) => request.body)).toEqual(extra.map(({ session }) => ({ sessionId: session.sessionId })));
		// Own-session routes are not 2FA-gated: nothing 2FA-related is sent.
		expect(sim.requests.some((request) => 'x-2fa-code' in request.headers || 'x-2fa-method' in request.headers)).toBe(false);

		// State: the three sessions are logged out and their tokens no longer work; the credential's still does.
		for (const { session, authToken } of extra) {
			expect(session.logoutAt).toEqual(T0);
			expect(sim.state.userByPlainToken(me.userId, authToken)).toBeUndefined();
		}
		expect(current.logoutAt).toBeUndefined();
		expect(sim.state.userByPlainToken(me.userId, me.authToken)?.user).toBe(user);
		expect(stranger.session.logoutAt).toBeUndefined();
		expectNoSecrets(result, [me.authToken, ...extra.map(({ authToken }) => authToken)]);
	});

	test("all users' sessions (2FA-gated): Get Many → Get Session → Log Out Session ends one user's devices", async () => {
		const target = sim.addUser({ username: 'devicetarget', name: 'Device Target', lastLogin: new Date(T0.getTime() - 5 * HOUR) });
		const second = sim.addSession({ userId: target.userId, loginAt: new Date(T0.getTime() - 2 * HOUR), device: { type: 'mobile-app', name: 'Rocket.Chat', os: { name: 'Android', version: '14' } } });
		const targetSessions = sim.state.sessions.filter((session) => session.userId === target.userId);
		expect(targetSessions).toHaveLength(2);
		const others = sim.state.sessions.filter((session) => session.userId !== target.userId && !session.logoutAt);
		sim.clearRequests();

		const credential = credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password });
		const result = await runFile('device-sessions-admin', { credential });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// Newest login first: the session added last, then the one addUser created.
		const newestFirst = [second.session, targetSessions.find((session) => session !== second.session)!];
		const listed = result.json('Get Many Sessions');
		expect(listed.map((session) => [session.sessionId, session.userId, (session._user as IDataObject).username])).toEqual(
			newestFirst.map((session) => [session.sessionId, target.userId, 'devicetarget']),
		);
		expect(result.json('Get Session').map((session) => [session.sessionId, (session._user as IDataObject).name])).toEqual(
			newestFirst.map((session) => [session.sessionId, 'Device Target']),
		);
		expect(result.json('Log Out Session')).toEqual(newestFirst.map((session) => ({ sessionId: session.sessionId })));

		expect(apiCalls(sim).filter((call) => call !== 'GET /api/v1/sessions/list.all')).toEqual([
			...Array(2).fill('GET /api/v1/sessions/info.admin'),
			...Array(2).fill('POST /api/v1/sessions/logout'),
		]);
		const lists = requestsTo(sim, '/api/v1/sessions/list.all');
		expect(lists[0].query).toEqual({ filter: 'devicetarget', offset: '0', count: '100' });
		expect(lists.slice(1).every((request) => Number(request.query.offset) >= listed.length)).toBe(true);
		for (const request of sim.requests) {
			expect(request.status).toBe(200);
			expect(request.headers['x-2fa-method']).toBe('password');
		}

		// State: both sessions of the target are logged out by the admin, its tokens are gone, nobody else's changed.
		for (const session of targetSessions) {
			expect(session.logoutAt).toEqual(T0);
			expect(session.logoutBy).toBe(sim.admin.userId);
		}
		expect(sim.state.userById(target.userId)!.loginTokens).toEqual([]);
		expect(others.every((session) => !session.logoutAt)).toBe(true);
		expectNoSecrets(result, [sim.admin.authToken, sim.admin.password, sha256Hex(sim.admin.password), target.authToken]);
	});
});
