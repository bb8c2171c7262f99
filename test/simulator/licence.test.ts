import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders } from './helpers';

describe('device-management licence switch', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 10, now: FIXED_NOW, deviceManagementLicence: false });
	});
	afterAll(() => sim.close());

	it('answers 401 {success:false, error:"unauthorized"} on every sessions route', async () => {
		const code = twoFactorHeaders(sim.passwordCode(sim.admin.password), 'password');
		const sessionId = sim.state.sessions[0].sessionId;
		const routes: Array<['GET' | 'POST', string, Record<string, string> | undefined, unknown]> = [
			['GET', 'sessions/list', undefined, undefined],
			['GET', `sessions/info?sessionId=${sessionId}`, undefined, undefined],
			['POST', 'sessions/logout.me', undefined, { sessionId }],
			['GET', 'sessions/list.all', code, undefined],
			['GET', `sessions/info.admin?sessionId=${sessionId}`, code, undefined],
			['POST', 'sessions/logout', code, { sessionId }],
		];
		for (const [method, path, headers, body] of routes) {
			const res = await call(sim, method, path, { as: sim.admin, headers, body });
			expect([path, res.status, res.body]).toEqual([path, 401, { success: false, error: 'unauthorized' }]);
		}
		// Nothing was logged out.
		expect(sim.state.sessionBySessionId(sessionId)?.logoutAt).toBeUndefined();
	});

	it('checks permissions and 2FA before the licence, like the server', async () => {
		expect((await call(sim, 'GET', 'sessions/list.all', { as: sim.plainUser })).status).toBe(403);
		// a fresh client: the admin's earlier code is remembered for its user-agent + IP
		expect((await call(sim, 'GET', 'sessions/list.all', { as: sim.admin, headers: { 'user-agent': 'fresh-client' } })).body.errorType).toBe('totp-required');
	});

	it('can be switched back on at runtime', async () => {
		sim.state.settings.deviceManagementLicence = true;
		const res = await call(sim, 'GET', 'sessions/list', { as: sim.admin });
		expect(res.status).toBe(200);
		expect(res.body.sessions.length).toBeGreaterThan(0);
	});
});
