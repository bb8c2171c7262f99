/**
 * The Rocket.Chat Trigger polled through n8n-core (real PollContext, static data carried from poll to
 * poll as n8n persists it) against the simulator: what each poll emits, and what it asks the server.
 */
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { KNOWN_IDS } from '../../nodes/RocketChatTrigger/pollState';
import { createPoller, triggerWorkflow, type Poller } from '../support/poll';
import { credentialFor } from '../support/simCredential';

const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const SECOND = 1000;

let sim: Simulator;

afterEach(async () => {
	await sim?.close();
});

function adminCredential(extra: IDataObject = {}): IDataObject {
	return credentialFor(sim, sim.admin, extra);
}

/** The admin with its password as the 2FA answer, as sessions/list.all demands. */
function adminWith2fa(): IDataObject {
	return adminCredential({ twoFactorMethod: 'password', password: sim.admin.password });
}

function poller(parameters: IDataObject, credential = adminCredential()): Poller {
	return createPoller({ workflow: triggerWorkflow(parameters), credential });
}

function requestsTo(path: string) {
	return sim.requests.filter((request) => request.path === path);
}

const usernames = (items: IDataObject[]) => items.map((item) => item.username);

describe('New User', () => {
	test('first activation emits nothing; users created between polls are emitted once, oldest first; the state survives', async () => {
		sim = await startSimulator({ users: 150, seed: 2, now: T0 });
		const trigger = poller({ event: 'newUser' });

		const activation = await trigger.poll();
		expect(activation.result.status).toBe('success');
		expect(activation.items).toEqual([]);
		const state = trigger.nodeState() as IDataObject;
		expect(state.knownIds).toHaveLength(100);
		expect(state.complete).toBe(false);
		expect(state.scope).toBe(`newUser ${sim.url}`);

		sim.addUser({ username: 'new.1', createdAt: new Date(T0 + 1 * SECOND) });
		sim.addUser({ username: 'new.3', createdAt: new Date(T0 + 3 * SECOND) });
		sim.addUser({ username: 'new.2', createdAt: new Date(T0 + 2 * SECOND) });
		sim.clearRequests();
		const second = await trigger.poll();
		expect(second.result.status).toBe('success');
		expect(usernames(second.items)).toEqual(['new.1', 'new.2', 'new.3']);
		// The listing as the server sends it (no createdAt: users.list does not return it).
		expect(Object.keys(second.items[0]).sort()).toEqual(['_id', 'active', 'emails', 'lastLogin', 'name', 'nameInsensitive', 'roles', 'status', 'type', 'username']);
		const lists = requestsTo('/api/v1/users.list');
		expect(lists).toHaveLength(1);
		expect(lists[0].query).toMatchObject({ offset: '0', count: '100', sort: '{"createdAt":-1}' });

		expect((await trigger.poll()).items).toEqual([]);
		sim.addUser({ username: 'new.4', createdAt: new Date(T0 + 4 * SECOND) });
		expect(usernames((await trigger.poll()).items)).toEqual(['new.4']);
		expect((await trigger.poll()).items).toEqual([]);
		expect((trigger.nodeState() as IDataObject).knownIds).toHaveLength(100);
	});

	test('several users created in one millisecond, also the millisecond of the newest known user, are each emitted once', async () => {
		sim = await startSimulator({ users: 150, seed: 3, now: T0 });
		sim.addUser({ username: 'anchor', createdAt: new Date(T0) });
		const trigger = poller({ event: 'newUser' });
		await trigger.poll();
		expect((trigger.nodeState() as IDataObject).knownIds).toContain(sim.state.userByUsername('anchor')?._id);

		// Same millisecond as "anchor": the server lists them after it (ties keep insertion order here).
		for (const name of ['tie.a', 'tie.b']) sim.addUser({ username: name, createdAt: new Date(T0) });
		for (const name of ['same.a', 'same.b', 'same.c']) sim.addUser({ username: name, createdAt: new Date(T0 + SECOND) });
		const second = await trigger.poll();
		expect(usernames(second.items).sort()).toEqual(['same.a', 'same.b', 'same.c', 'tie.a', 'tie.b']);
		// Creation order where the times differ.
		expect(usernames(second.items).slice(0, 2).sort()).toEqual(['tie.a', 'tie.b']);

		sim.addUser({ username: 'same.d', createdAt: new Date(T0 + SECOND) });
		expect(usernames((await trigger.poll()).items)).toEqual(['same.d']);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('more than one page between two polls: every user once, in creation order', async () => {
		sim = await startSimulator({ users: 150, seed: 4, now: T0 });
		const trigger = poller({ event: 'newUser' });
		await trigger.poll();

		const created = Array.from({ length: 250 }, (_, index) => `bulk.${String(index).padStart(3, '0')}`);
		created.forEach((username, index) => sim.addUser({ username, createdAt: new Date(T0 + (index + 1) * SECOND) }));
		sim.clearRequests();
		const second = await trigger.poll();
		expect(usernames(second.items)).toEqual(created);
		// 250 new users, then the remembered ones from offset 250: three pages.
		expect(requestsTo('/api/v1/users.list').map((request) => request.query.offset)).toEqual(['0', '100', '200']);

		expect((await trigger.poll()).items).toEqual([]);
		expect((trigger.nodeState() as IDataObject).knownIds).toEqual(
			[...created].reverse().slice(0, 100).map((username) => sim.state.userByUsername(username)?._id),
		);
	});

	test('deleting remembered users does not lose the place; with all of them deleted, only provably new users are emitted', async () => {
		// 400 users: the admin (created 400 days ago) stays far below the newest 100 that get deleted.
		sim = await startSimulator({ users: 400, seed: 5, now: T0 });
		const trigger = poller({ event: 'newUser' });
		await trigger.poll();
		const knownIds = () => (trigger.nodeState() as IDataObject).knownIds as string[];
		const deleteKnown = (count = KNOWN_IDS) => {
			const ids = knownIds().slice(0, count);
			expect(ids).not.toContain(sim.admin.userId);
			for (const id of ids) sim.state.removeUser(sim.state.userById(id)!);
		};

		deleteKnown(40);
		sim.addUser({ username: 'after.delete', createdAt: new Date(T0 + SECOND) });
		expect(usernames((await trigger.poll()).items)).toEqual(['after.delete']);

		// Every remembered user gone, three added: the list shrank, nothing is provably new, no old user is emitted.
		deleteKnown();
		for (const n of [1, 2, 3]) sim.addUser({ username: `lost.${n}`, createdAt: new Date(T0 + 2 * SECOND + n) });
		const lost = await trigger.poll();
		expect(lost.result.status).toBe('success');
		expect(lost.items).toEqual([]);

		// Every remembered user gone, 103 added: the list grew by 3, so the 3 newest are new for certain.
		deleteKnown();
		const added = Array.from({ length: 103 }, (_, n) => `grown.${String(n).padStart(3, '0')}`);
		added.forEach((username, n) => sim.addUser({ username, createdAt: new Date(T0 + 3 * SECOND + n) }));
		expect(usernames((await trigger.poll()).items)).toEqual(added.slice(-3));

		sim.addUser({ username: 'after.restart', createdAt: new Date(T0 + 4 * SECOND) });
		expect(usernames((await trigger.poll()).items)).toEqual(['after.restart']);
	});

	test('a workspace of at most 100 users is remembered whole: every new user counts, wherever it sorts', async () => {
		sim = await startSimulator({ users: 20, seed: 6, now: T0 });
		const trigger = poller({ event: 'newUser' });
		await trigger.poll();
		expect(trigger.nodeState()).toMatchObject({ complete: true });
		expect((trigger.nodeState() as IDataObject).knownIds).toHaveLength(23);

		// An imported account keeps an old creation date: it sorts among the old users.
		sim.addUser({ username: 'imported', createdAt: new Date(T0 - 400 * 86_400_000) });
		sim.addUser({ username: 'fresh', createdAt: new Date(T0 + SECOND) });
		expect(usernames((await trigger.poll()).items)).toEqual(['imported', 'fresh']);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('role and type filters, Simplify; filtered-out users are not emitted later either', async () => {
		sim = await startSimulator({ users: 150, seed: 7, now: T0 });
		const trigger = poller({ event: 'newUser', simplify: true, options: { types: ['user'], roles: ['user', 'livechat-agent'] } });
		await trigger.poll();

		sim.addUser({ username: 'a.bot', type: 'bot', roles: ['bot'], createdAt: new Date(T0 + 1 * SECOND) });
		sim.addUser({ username: 'a.person', createdAt: new Date(T0 + 2 * SECOND) });
		sim.addUser({ username: 'an.admin', roles: ['admin'], createdAt: new Date(T0 + 3 * SECOND) });
		sim.addUser({ username: 'an.agent', roles: ['livechat-agent'], createdAt: new Date(T0 + 4 * SECOND) });
		const second = await trigger.poll();
		expect(usernames(second.items)).toEqual(['a.person', 'an.agent']);
		const person = sim.state.userByUsername('a.person')!;
		expect(second.items[0]).toEqual({
			id: person._id,
			username: 'a.person',
			name: 'a.person',
			emails: ['a.person@example.com'],
			status: 'offline',
			active: true,
			roles: ['user'],
			lastLogin: new Date(T0).toISOString(),
		});
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('Full Profile reads users.info for each new user only, adding the creation date', async () => {
		sim = await startSimulator({ users: 150, seed: 8, now: T0 });
		const trigger = poller({ event: 'newUser', options: { fullProfile: true } });
		await trigger.poll();
		sim.addUser({ username: 'p.one', language: 'de', createdAt: new Date(T0 + 1 * SECOND) });
		sim.addUser({ username: 'p.two', customFields: { team: 'ops' }, createdAt: new Date(T0 + 2 * SECOND) });
		sim.clearRequests();

		const second = await trigger.poll();
		expect(usernames(second.items)).toEqual(['p.one', 'p.two']);
		expect(second.items[0]).toMatchObject({ createdAt: new Date(T0 + SECOND).toISOString(), language: 'de' });
		expect(second.items[1]).toMatchObject({ createdAt: new Date(T0 + 2 * SECOND).toISOString(), customFields: { team: 'ops' } });
		const infos = requestsTo('/api/v1/users.info').map((request) => request.query.userId);
		expect(infos.sort()).toEqual([sim.state.userByUsername('p.one')!._id, sim.state.userByUsername('p.two')!._id].sort());

		sim.clearRequests();
		expect((await trigger.poll()).items).toEqual([]);
		expect(requestsTo('/api/v1/users.info')).toHaveLength(0);
	});

	test('Full Profile with Simplify keeps the creation date next to the simplified fields', async () => {
		sim = await startSimulator({ users: 20, seed: 8, now: T0 });
		const trigger = poller({ event: 'newUser', simplify: true, options: { fullProfile: true } });
		await trigger.poll();
		sim.addUser({ username: 'p.three', language: 'de', createdAt: new Date(T0 + 3 * SECOND) });

		const { items } = await trigger.poll();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ username: 'p.three', createdAt: new Date(T0 + 3 * SECOND).toISOString() });
		expect(items[0]).not.toHaveProperty('language');
	});

	test('manual mode returns the newest user that passes the filters and leaves the state alone', async () => {
		sim = await startSimulator({ users: 150, seed: 9, now: T0 });
		sim.addUser({ username: 'newest.bot', type: 'bot', roles: ['bot'], createdAt: new Date(T0 + 2 * SECOND) });
		sim.addUser({ username: 'newest.person', createdAt: new Date(T0 + SECOND) });
		const trigger = poller({ event: 'newUser', options: { types: ['user'] } });

		const beforeActivation = await trigger.test();
		expect(beforeActivation.result.status).toBe('success');
		expect(usernames(beforeActivation.items)).toEqual(['newest.person']);
		expect(trigger.nodeState()).toBeUndefined();

		await trigger.poll();
		const state = JSON.parse(JSON.stringify(trigger.nodeState()));
		sim.addUser({ username: 'later', createdAt: new Date(T0 + 3 * SECOND) });
		expect(usernames((await trigger.test()).items)).toEqual(['later']);
		expect(trigger.nodeState()).toEqual(state);
		// The test run did not consume it: the next poll still emits it.
		expect(usernames((await trigger.poll()).items)).toEqual(['later']);
	});

	test('switching the event starts over instead of reading the other state', async () => {
		sim = await startSimulator({ users: 30, seed: 10, now: T0 });
		const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential: adminWith2fa() });
		await trigger.poll();
		const sessions = createPoller({
			workflow: triggerWorkflow({ event: 'newDeviceSession' }),
			credential: adminWith2fa(),
			staticData: trigger.staticData(),
		});
		const first = await sessions.poll();
		expect(first.result.status).toBe('success');
		expect(first.items).toEqual([]);
		expect(sessions.nodeState()).toMatchObject({ scope: `newDeviceSession ${sim.url}` });
		expect(sessions.nodeState()).not.toHaveProperty('knownIds');
	});
});

describe("the host's poll budget", () => {
	test('a backlog larger than one poll can read within the budget: the newest are emitted, in order, and the next poll goes on from there', async () => {
		sim = await startSimulator({ users: 150, seed: 31, now: T0 });
		const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newDeviceSession' }), credential: adminWith2fa(), pollBudgetMs: 250 });
		await trigger.poll();
		const users = sim.state.users;
		const created = Array.from({ length: 1000 }, (_, index) =>
			sim.addSession({ userId: users[index % users.length]._id, loginAt: new Date(T0 + (index + 1) * SECOND) }).session.sessionId,
		);
		sim.setLatency(25);
		const cut = await trigger.poll();
		expect(cut.result.status).toBe('success');
		const emitted = cut.items.map((item) => item.sessionId);
		expect(emitted.length).toBeGreaterThanOrEqual(100);
		expect(emitted.length).toBeLessThan(1000);
		expect(emitted).toEqual(created.slice(-emitted.length));
		sim.setLatency(0);
		expect((await trigger.poll()).items).toEqual([]);
		const next = sim.addSession({ userId: users[0]._id, loginAt: new Date(T0 + 2000 * SECOND) }).session.sessionId;
		expect((await trigger.poll()).items.map((item) => item.sessionId)).toEqual([next]);
	});

	test('Full Profile for more new users than the budget allows: the oldest are completed and emitted, the rest in the next polls, each once', async () => {
		sim = await startSimulator({ users: 150, seed: 33, now: T0 });
		const trigger = createPoller({
			workflow: triggerWorkflow({ event: 'newUser', options: { fullProfile: true } }),
			credential: adminCredential(),
			pollBudgetMs: 1000,
		});
		await trigger.poll();
		const created = Array.from({ length: 300 }, (_, index) => `profile.${String(index).padStart(3, '0')}`);
		created.forEach((username, index) => sim.addUser({ username, createdAt: new Date(T0 + (index + 1) * SECOND) }));
		sim.setLatency(20);
		const batches: string[][] = [];
		for (let polls = 0; polls < 30 && batches.flat().length < created.length; polls++) {
			const run = await trigger.poll();
			expect(run.result.status).toBe('success');
			for (const item of run.items) expect(item.createdAt).toBeDefined();
			batches.push(usernames(run.items) as string[]);
		}
		expect(batches[0].length).toBeLessThan(created.length);
		expect(batches.length).toBeGreaterThan(1);
		expect(batches.flat()).toEqual(created);
		sim.setLatency(0);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('New User: the same, emitting only users the list has provably grown by', async () => {
		sim = await startSimulator({ users: 150, seed: 32, now: T0 });
		const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential: adminCredential(), pollBudgetMs: 250 });
		await trigger.poll();
		const created = Array.from({ length: 1000 }, (_, index) => `backlog.${String(index).padStart(4, '0')}`);
		created.forEach((username, index) => sim.addUser({ username, createdAt: new Date(T0 + (index + 1) * SECOND) }));
		sim.setLatency(25);
		const cut = await trigger.poll();
		expect(cut.result.status).toBe('success');
		expect(cut.items.length).toBeGreaterThanOrEqual(100);
		expect(cut.items.length).toBeLessThan(1000);
		expect(usernames(cut.items)).toEqual(created.slice(-cut.items.length));
		sim.setLatency(0);
		expect((await trigger.poll()).items).toEqual([]);
	});
});

describe('New Device Session', () => {
	test('first activation emits nothing; sessions logged in between polls are emitted once, oldest first', async () => {
		sim = await startSimulator({ users: 150, seed: 11, now: T0 });
		const trigger = poller({ event: 'newDeviceSession' }, adminWith2fa());
		const activation = await trigger.poll();
		expect(activation.result.status).toBe('success');
		expect(activation.items).toEqual([]);
		expect(trigger.nodeState()).toMatchObject({ lastTime: T0 - 3_600_000 });

		const users = sim.state.users.slice(10, 13);
		const late = sim.addSession({ userId: users[0]._id, loginAt: new Date(T0 + 2 * SECOND) }).session;
		const early = sim.addSession({ userId: users[1]._id, loginAt: new Date(T0 + 1 * SECOND) }).session;
		sim.clearRequests();
		const second = await trigger.poll();
		expect(second.result.status).toBe('success');
		expect(second.items.map((item) => item.sessionId)).toEqual([early.sessionId, late.sessionId]);
		expect(second.items[0]).toMatchObject({ userId: users[1]._id, loginAt: new Date(T0 + SECOND).toISOString() });
		const lists = requestsTo('/api/v1/sessions/list.all');
		expect(lists).toHaveLength(1);
		expect(lists[0].query).toMatchObject({ offset: '0', count: '100', sort: '{"loginAt":-1}' });
		expect(lists[0].headers['x-2fa-method']).toBe('password');

		expect((await trigger.poll()).items).toEqual([]);
		expect(trigger.nodeState()).toMatchObject({ lastTime: T0 + 2 * SECOND, seenIds: [late.sessionId] });
	});

	test('several sessions in one millisecond, also the millisecond of the last poll, are each emitted once', async () => {
		sim = await startSimulator({ users: 150, seed: 12, now: T0 });
		const trigger = poller({ event: 'newDeviceSession' }, adminWith2fa());
		await trigger.poll();
		const users = sim.state.users.slice(20, 30);
		const at = new Date(T0 + SECOND);
		const first = users.slice(0, 3).map((user) => sim.addSession({ userId: user._id, loginAt: at }).session.sessionId);
		expect((await trigger.poll()).items.map((item) => item.sessionId).sort()).toEqual([...first].sort());

		// More in the very same millisecond after the poll.
		const more = users.slice(3, 5).map((user) => sim.addSession({ userId: user._id, loginAt: at }).session.sessionId);
		expect((await trigger.poll()).items.map((item) => item.sessionId).sort()).toEqual([...more].sort());
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('more than one page between two polls: every session once, in login order', async () => {
		sim = await startSimulator({ users: 150, seed: 13, now: T0 });
		const trigger = poller({ event: 'newDeviceSession' }, adminWith2fa());
		await trigger.poll();
		const users = sim.state.users;
		const created = Array.from({ length: 230 }, (_, index) =>
			sim.addSession({ userId: users[index % users.length]._id, loginAt: new Date(T0 + (index + 1) * SECOND) }).session.sessionId,
		);
		sim.clearRequests();
		const second = await trigger.poll();
		expect(second.items.map((item) => item.sessionId)).toEqual(created);
		// Each page starts again at the last login time of the one before: sessions sharing it may come in another order.
		expect(requestsTo('/api/v1/sessions/list.all').map((request) => request.query.offset)).toEqual(['0', '99', '198']);
		expect((await trigger.poll()).items).toEqual([]);
	});

	test('Own Sessions Only watches the credential user through sessions/list, without 2FA', async () => {
		sim = await startSimulator({ users: 50, seed: 14, now: T0 });
		const trigger = poller({ event: 'newDeviceSession', sessionOptions: { ownSessionsOnly: true } }, adminCredential());
		await trigger.poll();
		const mine = sim.addSession({ userId: sim.admin.userId, loginAt: new Date(T0 + SECOND) }).session;
		sim.addSession({ userId: sim.plainUser.userId, loginAt: new Date(T0 + 2 * SECOND) });
		sim.clearRequests();
		const second = await trigger.poll();
		expect(second.result.status).toBe('success');
		expect(second.items.map((item) => item.sessionId)).toEqual([mine.sessionId]);
		expect(requestsTo('/api/v1/sessions/list')).toHaveLength(1);
		expect(requestsTo('/api/v1/sessions/list.all')).toHaveLength(0);
		expect(trigger.nodeState()).toMatchObject({ scope: `newOwnDeviceSession ${sim.url}` });
	});

	test('manual mode returns the newest session without touching the state', async () => {
		sim = await startSimulator({ users: 50, seed: 15, now: T0 });
		const newest = sim.addSession({ userId: sim.plainUser.userId, loginAt: new Date(T0 + SECOND) }).session;
		const trigger = poller({ event: 'newDeviceSession' }, adminWith2fa());
		const run = await trigger.test();
		expect(run.result.status).toBe('success');
		expect(run.items.map((item) => item.sessionId)).toEqual([newest.sessionId]);
		expect(trigger.nodeState()).toBeUndefined();
	});

	test('errors say what is missing: the 2FA answer, the Enterprise licence', async () => {
		sim = await startSimulator({ users: 10, seed: 16, now: T0 });
		const without2fa = await poller({ event: 'newDeviceSession' }).poll();
		expect(without2fa.result.status).toBe('error');
		const totp = without2fa.result.error as { message: string; description?: string };
		expect(totp.message).toMatch(/TOTP Required/);
		expect(totp.description).toMatch(/Two-Factor Method/);
		// The trigger has no per-call override, so the hint does not point to one.
		expect(totp.description).not.toMatch(/Two-Factor Override/);
		await sim.close();

		sim = await startSimulator({ users: 10, seed: 16, now: T0, deviceManagementLicence: false });
		const trigger = poller({ event: 'newDeviceSession' }, adminWith2fa());
		const unlicensed = await trigger.poll();
		expect(unlicensed.result.status).toBe('error');
		const error = unlicensed.result.error as { message: string; description?: string; httpCode?: string };
		// The licence middleware's 400 "This is an enterprise feature [error-action-not-allowed]" (every modelled release).
		expect(error.httpCode).toBe('400');
		expect(error.description).toMatch(/Enterprise "device-management" licence/);
		// A failed poll leaves no state behind.
		expect(trigger.nodeState() ?? {}).toEqual({});
	});
});
