/**
 * The device-management licence (sessions/*) as the licence middleware answers it: 400 "This is an enterprise
 * feature [error-action-not-allowed]". From 8.3 (#39351) it runs after authentication and the permission check and
 * before validation and the 2FA gate; before, the route's `license` option was checked ahead of everything.
 */
import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders } from './helpers';

const LICENCE = { success: false, error: 'This is an enterprise feature [error-action-not-allowed]', errorType: 'error-action-not-allowed' };

describe('device-management licence', () => {
	let sim: Simulator;
	let early: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 10, now: FIXED_NOW, deviceManagementLicence: false });
		early = await startSimulator({ users: 10, now: FIXED_NOW, deviceManagementLicence: false, serverVersion: '8.2.7' });
	});
	afterAll(() => Promise.all([sim.close(), early.close()]));

	it('answers the licence 400 on every sessions route and changes nothing', async () => {
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
			expect([path, res.status, res.body]).toEqual([path, 400, LICENCE]);
		}
		expect(sim.state.sessionBySessionId(sessionId)?.logoutAt).toBeUndefined();
	});

	it('from 8.3: authentication and the permission first, then the licence, before parameters and the second factor', async () => {
		expect((await call(sim, 'GET', 'sessions/list')).status).toBe(401);
		const noPermission = await call(sim, 'GET', 'sessions/list.all', { as: sim.plainUser, query: { bogus: '1' } });
		expect([noPermission.status, noPermission.body.error]).toEqual([403, 'User does not have the permissions required for this action [error-unauthorized]']);
		// A permitted caller without a 2FA code and with an unknown parameter gets the licence answer.
		const fresh = { 'user-agent': 'fresh-client' };
		expect((await call(sim, 'GET', 'sessions/list.all', { as: sim.admin, headers: fresh, query: { bogus: '1' } })).body).toEqual(LICENCE);
	});

	it('before 8.3: the licence before anything else, anonymous calls included', async () => {
		expect((await call(early, 'GET', 'sessions/list')).body).toEqual(LICENCE);
		expect((await call(early, 'GET', 'sessions/list.all', { as: early.plainUser })).body).toEqual(LICENCE);
	});

	it('can be switched back on at runtime', async () => {
		sim.state.settings.deviceManagementLicence = true;
		const res = await call(sim, 'GET', 'sessions/list', { as: sim.admin });
		expect(res.status).toBe(200);
		expect(res.body.sessions.length).toBeGreaterThan(0);
	});
});
