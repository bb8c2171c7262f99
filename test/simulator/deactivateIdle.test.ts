import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

const DAY = 86_400_000;

describe('users.deactivateIdle', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({ users: 0, now: FIXED_NOW });
	});
	afterEach(() => sim.close());

	/** The server's cutoff: new Date(); setDate(getDate() - daysIdle) (local calendar days). */
	const cutoff = (daysIdle: number) => {
		const d = new Date(FIXED_NOW);
		d.setDate(d.getDate() - daysIdle);
		return d.getTime();
	};

	it('applies the exact server filter, including the cutoff edge and never-logged-in users', async () => {
		const c = cutoff(30);
		const at = (ms: number) => new Date(ms);
		const mk = (username: string, extra: Parameters<Simulator['addUser']>[0]) => sim.addUser({ username, withToken: false, createdAt: at(c - 400 * DAY), ...extra });
		const expected = [
			mk('login.at.cutoff', { lastLogin: at(c) }),
			mk('login.before', { lastLogin: at(c - 1) }),
			mk('never.old', { lastLogin: null, createdAt: at(c - DAY) }),
			mk('never.created.at.cutoff', { lastLogin: null, createdAt: at(c) }),
			mk('bot.with.user.role', { type: 'bot', roles: ['bot', 'user'], lastLogin: at(c - DAY) }),
		];
		const untouched = [
			mk('login.after', { lastLogin: at(c + 1) }),
			mk('never.recent', { lastLogin: null, createdAt: at(c + 1) }),
			mk('old.login.recent.creation', { lastLogin: at(c + DAY), createdAt: at(c - 900 * DAY) }),
			mk('other.role', { roles: ['guest'], lastLogin: at(c - DAY) }),
			mk('already.inactive', { active: false, inactiveReason: 'deactivated', lastLogin: at(c - DAY) }),
		];
		// The seeded credential users logged in an hour ago and stay active.
		const res = await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: { daysIdle: 30 } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ count: expected.length, success: true });
		for (const u of expected) expect([u.username, u.user.active, u.user.inactiveReason]).toEqual([u.username, false, 'idle_too_long']);
		for (const u of untouched) expect([u.username, u.user.active]).toEqual([u.username, u.username === 'already.inactive' ? false : true]);
		expect(untouched.find((u) => u.username === 'already.inactive')?.user.inactiveReason).toBe('deactivated');
		// No dry-run: a second call finds nothing new.
		expect((await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: { daysIdle: 30 } })).body.count).toBe(0);
	});

	it('revokes the login tokens of the users it deactivates from 8.5, not before', async () => {
		for (const [serverVersion, revoked] of [['8.4.0', false], ['8.5.0', true]] as const) {
			const versioned = await startSimulator({ users: 0, now: FIXED_NOW, serverVersion });
			try {
				const idle = versioned.addUser({ username: 'idle.with.token', lastLogin: new Date(FIXED_NOW.getTime() - 100 * DAY) });
				expect((await call(versioned, 'POST', 'users.deactivateIdle', { as: versioned.admin, body: { daysIdle: 90 } })).body.count).toBe(1);
				expect([serverVersion, idle.user.loginTokens.length === 0]).toEqual([serverVersion, revoked]);
			} finally {
				await versioned.close();
			}
		}
	});

	it('uses one role per call (default "user")', async () => {
		sim.addUser({ username: 'agent.idle', roles: ['livechat-agent'], lastLogin: new Date(FIXED_NOW.getTime() - 100 * DAY), withToken: false });
		expect((await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: { daysIdle: 90 } })).body.count).toBe(0);
		expect((await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: { daysIdle: 90, role: 'livechat-agent' } })).body.count).toBe(1);
	});

	it('validates daysIdle', async () => {
		const missing = await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: {} });
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ success: false, error: "must have required property 'daysIdle' [invalid-params]", errorType: 'invalid-params' });
		expect((await call(sim, 'POST', 'users.deactivateIdle', { as: sim.admin, body: { daysIdle: 1.5 } })).body.errorType).toBe('invalid-params');
	});
});
