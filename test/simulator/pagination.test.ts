import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders, type LooseBody } from './helpers';

describe('simulator pagination, sorting and filters', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 400, seed: 5, now: FIXED_NOW });
	});
	afterAll(() => sim.close());

	const list = (query: Record<string, LooseBody>, path = 'users.list') => call(sim, 'GET', path, { as: sim.admin, query });

	it('users.list defaults to 50, clamps to 100, count=0 returns everything', async () => {
		const total = sim.state.users.length;
		const def = await list({});
		expect(def.status).toBe(200);
		expect(def.body).toMatchObject({ count: 50, offset: 0, total, success: true });
		expect(def.body.users).toHaveLength(50);
		const clamped = await list({ count: 1000 });
		expect(clamped.body.users).toHaveLength(100);
		expect(clamped.body.count).toBe(100);
		const all = await list({ count: 0 });
		expect(all.body.users).toHaveLength(total);
		const tail = await list({ count: 100, offset: total - 3 });
		expect(tail.body).toMatchObject({ count: 3, offset: total - 3, total });
	});

	it('pages cover every user exactly once in username order by default', async () => {
		const seen: string[] = [];
		for (let offset = 0; ; offset += 100) {
			const page = await list({ count: 100, offset });
			seen.push(...page.body.users.map((u: LooseBody) => u.username));
			if (offset + 100 >= page.body.total) break;
		}
		expect(seen).toHaveLength(sim.state.users.length);
		expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);
	});

	it.each([
		['createdAt', 1],
		['createdAt', -1],
		['lastLogin', -1],
		['name', 1],
		['username', -1],
	] as const)('honours sort {%s: %d}', async (key, dir) => {
		const page = await list({ count: 0, sort: JSON.stringify({ [key]: dir }) });
		const values = page.body.users.map((u: LooseBody) => u[key] ?? null);
		const present = values.filter((v: unknown) => v !== null);
		const sorted = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		expect(present).toEqual(dir === 1 ? sorted : sorted.reverse());
		// MongoDB puts missing values first when ascending, last when descending.
		if (key === 'lastLogin') expect(values[values.length - 1]).toBeNull();
	});

	it('rejects a malformed sort like parseJsonQuery', async () => {
		const res = await list({ sort: '{name:1' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			success: false,
			error: 'Invalid sort parameter provided: "{name:1" [error-invalid-sort]',
			errorType: 'error-invalid-sort',
			details: { helperMethod: 'parseJsonQuery' },
		});
	});

	it('filters users.list by e-mail', async () => {
		const res = await list({ email: 'PLAIN.USER@example.com' });
		expect(res.body.users.map((u: LooseBody) => u.username)).toEqual(['plain.user']);
		expect(res.body.total).toBe(1);
	});

	it('users.listByStatus filters by status, login, type, roles[], searchTerm and inactiveReason[]', async () => {
		const users = sim.state.users;
		const active = await list({ status: 'active', count: 0 }, 'users.listByStatus');
		expect(active.body.total).toBe(users.filter((u) => u.active).length);
		const never = await list({ hasLoggedIn: false, count: 0 }, 'users.listByStatus');
		expect(never.body.total).toBe(users.filter((u) => !u.lastLogin).length);
		const bots = await list({ type: 'bot', count: 0 }, 'users.listByStatus');
		expect(bots.body.users.every((u: LooseBody) => u.type === 'bot')).toBe(true);
		expect(bots.body.total).toBe(users.filter((u) => u.type === 'bot').length);
		const roles = await list({ 'roles[]': ['admin', 'livechat-agent'], count: 0 }, 'users.listByStatus');
		expect(roles.body.total).toBe(users.filter((u) => u.roles.includes('admin') || u.roles.includes('livechat-agent')).length);
		const idle = await list({ status: 'deactivated', 'inactiveReason[]': ['idle_too_long'], count: 0 }, 'users.listByStatus');
		expect(idle.body.total).toBe(users.filter((u) => !u.active && u.inactiveReason === 'idle_too_long').length);
		expect(idle.body.users.every((u: LooseBody) => u.inactiveReason === 'idle_too_long')).toBe(true);
		const term = await list({ searchTerm: 'PLAIN', count: 0 }, 'users.listByStatus');
		expect(term.body.users.map((u: LooseBody) => u.username)).toContain('plain.user');
		const bad = await list({ status: 'sleeping' }, 'users.listByStatus');
		expect(bad.status).toBe(400);
		expect(bad.body.errorType).toBe('invalid-params');
	});

	describe('sessions', () => {
		const code = () => twoFactorHeaders(sim.passwordCode(sim.admin.password), 'password');
		const all = (query: Record<string, LooseBody>) => call(sim, 'GET', 'sessions/list.all', { as: sim.admin, query, headers: code() });

		it('list.all pages by loginAt (newest first) and echoes the requested count', async () => {
			const listed = sim.state.sessions.filter((s) => !s.logoutAt).length;
			const first = await all({ count: 10 });
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ total: listed, count: 10, offset: 0, success: true });
			const times = first.body.sessions.map((s: LooseBody) => Date.parse(s.loginAt));
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			expect(first.body.sessions[0]._user).toEqual(expect.objectContaining({ username: expect.any(String) }));
			const last = await all({ count: 100, offset: listed - 2 });
			expect(last.body.sessions).toHaveLength(2);
			expect(last.body.count).toBe(100);
		});

		it('list.all sorts by allowed keys only and rejects count=0', async () => {
			const asc = await all({ count: 100, sort: JSON.stringify({ 'device.name': 1 }) });
			const names = asc.body.sessions.map((s: LooseBody) => s.device.name);
			expect([...names].sort()).toEqual(names);
			const bad = await all({ sort: JSON.stringify({ ip: 1 }) });
			expect(bad.status).toBe(400);
			expect(bad.body).toEqual({ success: false, error: 'error-invalid-sort-keys' });
			const zero = await all({ count: 0 });
			expect(zero.status).toBe(400);
		});

		it('list matches the filter literally and case-insensitively against the search term (not a regex)', async () => {
			sim.addSession({ userId: sim.plainUser.userId, device: { name: 'Firefox', os: { name: 'Linux', version: '6.1' } } });
			sim.addSession({ userId: sim.plainUser.userId, device: { name: 'Safari', os: { name: 'Mac OS', version: '14' } } });
			// SAUMonitor._getSearchTerm + escapeRegExp in sessions.ts: regex syntax matches nothing.
			const asRegex = await call(sim, 'GET', 'sessions/list', { as: sim.plainUser, query: { filter: '^firefox|safari' } });
			expect([asRegex.status, asRegex.body.sessions]).toEqual([200, []]);
			const mine = await call(sim, 'GET', 'sessions/list', { as: sim.plainUser, query: { filter: 'SAFARI' } });
			expect(mine.body.sessions.map((s: LooseBody) => s.device.name)).toEqual(['Safari']);
			expect(mine.body.sessions.every((s: LooseBody) => s.userId === sim.plainUser.userId)).toBe(true);
			// The OS version is not part of the search term.
			const byVersion = await call(sim, 'GET', 'sessions/list', { as: sim.plainUser, query: { filter: '6.1' } });
			expect(byVersion.body.sessions).toEqual([]);
			// The projected fields of aggregateSessionsByUserId, plus `current` (currentLoginToken) of newer servers.
			expect(Object.keys(mine.body.sessions[0]).sort()).toEqual(['_id', 'current', 'device', 'host', 'ip', 'loginAt', 'sessionId', 'userId']);
			expect(mine.body.sessions[0].current).toBe(false);
		});
	});
});
