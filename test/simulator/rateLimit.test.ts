import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('simulator rate limiter', () => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = await startSimulator({ users: 5, now: FIXED_NOW, rateLimit: { calls: 10, windowMs: 60_000 } });
	});
	afterEach(() => sim.close());

	it('allows N calls per route, then answers 429 with the Meteor message and epoch-ms reset', async () => {
		for (let i = 1; i <= 10; i++) {
			const res = await call(sim, 'GET', 'me', { as: sim.plainUser });
			expect(res.status).toBe(200);
			expect(res.headers.get('x-ratelimit-limit')).toBe('10');
			expect(res.headers.get('x-ratelimit-remaining')).toBe(String(10 - i));
			expect(res.headers.get('x-ratelimit-reset')).toBe(String(FIXED_NOW.getTime() + 60_000));
		}
		const limited = await call(sim, 'GET', 'me', { as: sim.plainUser });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			success: false,
			error: 'Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]',
		});
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBeNull();
		// Another route has its own budget.
		expect((await call(sim, 'GET', 'users.getPreferences', { as: sim.plainUser })).status).toBe(200);
	});

	it('counts per client IP and resets after the window', async () => {
		for (let i = 0; i < 10; i++) await call(sim, 'GET', 'me', { as: sim.plainUser });
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).status).toBe(429);
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser, headers: { 'X-Real-IP': '10.9.9.9' } })).status).toBe(200);
		sim.setNow(FIXED_NOW.getTime() + 45_000);
		const waiting = await call(sim, 'GET', 'me', { as: sim.plainUser });
		expect(waiting.body.error).toContain('You must wait 15 seconds');
		sim.setNow(FIXED_NOW.getTime() + 60_001);
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).status).toBe(200);
	});

	it('one budget for all clients on one address: other users (and admins, when limited) draw from it', async () => {
		sim.setRateLimit({ calls: 3, windowMs: 1000 }, { admins: true });
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).status).toBe(200);
		expect((await call(sim, 'GET', 'me', { as: sim.totpUser })).status).toBe(200);
		expect((await call(sim, 'GET', 'me', { as: sim.admin })).status).toBe(200);
		const refused = await call(sim, 'GET', 'me', { as: sim.plainUser });
		expect(refused.status).toBe(429);
		expect((await call(sim, 'GET', 'me', { as: sim.admin })).status).toBe(429);
	});

	it('lets admins bypass (api-bypass-rate-limit) unless rateLimitAdmins is set', async () => {
		for (let i = 0; i < 15; i++) expect((await call(sim, 'GET', 'me', { as: sim.admin })).headers.get('x-ratelimit-limit')).toBeNull();
		sim.setRateLimit({ calls: 2, windowMs: 1000 }, { admins: true });
		await call(sim, 'GET', 'me', { as: sim.admin });
		await call(sim, 'GET', 'me', { as: sim.admin });
		expect((await call(sim, 'GET', 'me', { as: sim.admin })).status).toBe(429);
	});

	it('does not count unauthenticated calls to authenticated routes', async () => {
		for (let i = 0; i < 12; i++) expect((await call(sim, 'GET', 'me')).status).toBe(401);
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).status).toBe(200);
	});

	it('limits users.register to one call per minute by default', async () => {
		const body = (n: number) => ({ username: `reg${n}`, email: `reg${n}@example.com`, pass: 'pw', name: `Reg ${n}` });
		expect((await call(sim, 'POST', 'users.register', { body: body(1) })).status).toBe(200);
		const second = await call(sim, 'POST', 'users.register', { body: body(2) });
		expect(second.status).toBe(429);
		expect(sim.state.userByUsername('reg2')).toBeUndefined();
		sim.setRegisterRateLimit(false);
		expect((await call(sim, 'POST', 'users.register', { body: body(3) })).status).toBe(200);
	});
});

describe('simulator without rate limiting (default)', () => {
	it('sends no X-RateLimit headers', async () => {
		const sim = await startSimulator({ users: 1 });
		try {
			for (let i = 0; i < 12; i++) {
				const res = await call(sim, 'GET', 'me', { as: sim.plainUser });
				expect(res.status).toBe(200);
				expect(res.headers.get('x-ratelimit-limit')).toBeNull();
			}
		} finally {
			await sim.close();
		}
	});
});
