import { startSimulator, type Simulator } from '../../simulator/server';
import { FIXED_NOW } from './helpers';

function snapshot(sim: Simulator): string {
	const { users, sessions, rooms, teams } = sim.state;
	return JSON.stringify({ users, sessions, rooms, teams, admin: sim.admin, plainUser: sim.plainUser, totpUser: sim.totpUser });
}

describe('simulator seeding', () => {
	const sims: Simulator[] = [];
	afterAll(async () => Promise.all(sims.map((s) => s.close())));
	const start = async (seed: number, users = 300) => {
		const sim = await startSimulator({ seed, users, now: FIXED_NOW });
		sims.push(sim);
		return sim;
	};

	it('same seed and clock give an identical state and credentials', async () => {
		const a = await start(7);
		const b = await start(7);
		expect(snapshot(a)).toEqual(snapshot(b));
	});

	it('a different seed gives different data', async () => {
		const a = await start(1);
		const b = await start(2);
		expect(a.state.users.map((u) => u.username)).not.toEqual(b.state.users.map((u) => u.username));
		expect(a.admin.authToken).not.toEqual(b.admin.authToken);
	});

	it('seeds a realistic mix of users, 2FA modes and sessions', async () => {
		const sim = await start(3, 2000);
		const users = sim.state.users;
		expect(users).toHaveLength(2003); // 3 credential users + 2000 seeded
		const count = (pred: (u: (typeof users)[number]) => boolean) => users.filter(pred).length;
		expect(count((u) => u.type === 'bot')).toBeGreaterThan(50);
		expect(count((u) => u.type === 'app')).toBeGreaterThan(10);
		expect(count((u) => u.roles.includes('admin'))).toBeGreaterThan(10);
		expect(count((u) => u.roles.includes('livechat-agent'))).toBeGreaterThan(50);
		expect(count((u) => !u.active && u.inactiveReason === 'idle_too_long')).toBeGreaterThan(10);
		expect(count((u) => !u.active && u.inactiveReason === 'pending_approval')).toBeGreaterThan(5);
		expect(count((u) => !u.active && u.inactiveReason === undefined)).toBe(0);
		expect(count((u) => u.lastLogin === undefined)).toBeGreaterThan(100);
		expect(count((u) => u.totp?.enabled === true)).toBeGreaterThan(20);
		expect(count((u) => u.email2fa?.enabled === true)).toBeGreaterThan(20);
		const yearAgo = FIXED_NOW.getTime() - 366 * 86_400_000;
		for (const u of users) {
			expect(u.createdAt.getTime()).toBeGreaterThanOrEqual(yearAgo - 35 * 86_400_000);
			if (u.lastLogin) expect(u.lastLogin.getTime()).toBeGreaterThanOrEqual(u.createdAt.getTime());
		}
		const sessions = sim.state.sessions;
		expect(sessions.length).toBeGreaterThan(2000);
		expect(sessions.some((s) => s.closedAt)).toBe(true);
		expect(sessions.some((s) => s.logoutAt)).toBe(true);
		expect(new Set(sessions.map((s) => s.device.os.name)).size).toBeGreaterThan(4);
		// Every listed session is backed by a login token of its user (so logging it out revokes the token).
		for (const s of sessions.filter((x) => !x.logoutAt)) {
			expect(sim.state.userById(s.userId)?.loginTokens.some((t) => t.hashedToken === s.loginToken)).toBe(true);
		}
		expect(new Set(users.map((u) => u.username.toLowerCase())).size).toBe(users.length);
	});

	// How fast it starts is the benchmark's business (npm run bench), not a test's.
	it('starts with 20 000 users', async () => {
		const sim = await startSimulator({ users: 20_000, now: FIXED_NOW });
		sims.push(sim);
		expect(sim.state.users.length).toBe(20_003);
	});
});
