import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('fault and latency injection', () => {
	let sim: Simulator;
	beforeEach(async () => {
		// 8.9.2: users.create without the 2FA gate of 9.0, so every call here reaches the fault or the handler.
		sim = await startSimulator({ users: 5, now: FIXED_NOW, serverVersion: '8.9.2' });
	});
	afterEach(() => sim.close());

	const createUser = (n: number) =>
		call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: `F ${n}`, email: `f${n}@example.com`, password: 'pw', username: `f${n}` } });

	it("'reset' destroys the socket without an answer and does not apply by default", async () => {
		sim.failNext('users.create', 'reset');
		await expect(createUser(1)).rejects.toThrow();
		expect(sim.state.userByUsername('f1')).toBeUndefined();
		expect(sim.requests.at(-1)).toMatchObject({ path: '/api/v1/users.create', status: null, fault: 'reset', applied: false });
		expect((await createUser(1)).status).toBe(200); // only the next call failed
	});

	it('a 503 after applying leaves the change in place (a client must not blindly resend POSTs)', async () => {
		sim.failNext('/api/v1/users.create', '503', 1, { afterApply: true });
		const res = await createUser(2);
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(sim.state.userByUsername('f2')).toBeDefined();
		expect(sim.requests.at(-1)).toMatchObject({ status: 503, fault: '503', applied: true });
		const retry = await createUser(2);
		expect(retry.body.errorType).toBe('error-field-unavailable');
	});

	it('a 502/504 before applying changes nothing', async () => {
		sim.failNext('users.create', '502');
		sim.failNext('users.create', '504');
		expect((await createUser(3)).status).toBe(502);
		expect((await createUser(3)).status).toBe(504);
		expect(sim.state.userByUsername('f3')).toBeUndefined();
	});

	it('a 429 fault looks like the real limiter and is never applied', async () => {
		sim.failNext('users.create', '429', 1, { afterApply: true });
		const res = await createUser(4);
		expect(res.status).toBe(429);
		expect(res.body).toEqual({
			success: false,
			error: 'Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]',
		});
		expect(res.headers.get('x-ratelimit-limit')).toBe('10');
		expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Number(res.headers.get('x-ratelimit-reset'))).toBe(FIXED_NOW.getTime() + 60_000);
		expect(sim.state.userByUsername('f4')).toBeUndefined();
	});

	it('injectFaults is deterministic per seed and honours method/path filters', async () => {
		const run = async () => {
			sim.injectFaults({ probability: 0.5, kinds: ['503', '502'], methods: ['GET'], paths: ['me'], seed: 42 });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await call(sim, 'GET', 'me', { as: sim.plainUser })).status);
			return statuses;
		};
		const a = await run();
		const b = await run();
		expect(a).toEqual(b);
		expect(a.filter((s) => s !== 200).length).toBeGreaterThan(3);
		expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
		expect((await call(sim, 'GET', 'users.getPreferences', { as: sim.plainUser })).status).toBe(200);
		sim.clearFaults();
		for (let i = 0; i < 5; i++) expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).status).toBe(200);
	});

	it('adds latency and logs every request', async () => {
		sim.clearRequests();
		sim.setLatency(60);
		const t = Date.now();
		await call(sim, 'GET', 'users.list', { as: sim.admin, query: { count: 2, 'roles[]': ['a', 'b'] } });
		expect(Date.now() - t).toBeGreaterThanOrEqual(55);
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/users.list', query: { count: '2', 'roles[]': ['a', 'b'] }, status: 200, applied: true, time: FIXED_NOW.getTime() });
		expect(sim.requests[0].headers['x-user-id']).toBe(sim.admin.userId);
	});
});
