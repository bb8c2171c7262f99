import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('simulator auth, permissions and error envelopes', () => {
	let sim: Simulator;
	let legacy: Simulator;
	let eol: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 20, now: FIXED_NOW });
		legacy = await startSimulator({ users: 20, now: FIXED_NOW, serverVersion: '8.9.2' });
		eol = await startSimulator({ users: 20, now: FIXED_NOW, serverVersion: '7.10.0' });
	});
	afterAll(async () => Promise.all([sim.close(), legacy.close(), eol.close()]));

	it('answers 401 without or with bad credentials (9.0 body: the error switch is on)', async () => {
		const missing = await call(sim, 'GET', 'me');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ success: false, error: 'You must be logged in to do this.' });
		const wrong = await call(sim, 'GET', 'me', { as: { userId: sim.admin.userId, authToken: 'nope' } });
		expect(wrong.status).toBe(401);
		const otherUsersToken = await call(sim, 'GET', 'me', { as: { userId: sim.plainUser.userId, authToken: sim.admin.authToken } });
		expect(otherUsersToken.status).toBe(401);
	});

	it('keeps the Restivus keys in the 401 body on 7.10 and all of 8.x', async () => {
		for (const server of [legacy, eol]) {
			const res = await call(server, 'GET', 'users.list');
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' });
		}
	});

	it('GET /api/v1/me returns the caller', async () => {
		const res = await call(sim, 'GET', 'me', { as: sim.plainUser });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ _id: sim.plainUser.userId, username: 'plain.user', success: true, active: true });
		expect(res.body.avatarUrl).toBe(`${sim.url}/avatar/plain.user`);
	});

	it('personal access tokens authenticate like login tokens', async () => {
		const pat = sim.addPersonalAccessToken(sim.plainUser.userId, 'ci');
		const res = await call(sim, 'GET', 'me', { as: { userId: sim.plainUser.userId, authToken: pat } });
		expect(res.status).toBe(200);
	});

	it('routes without auth ignore auth headers, even invalid ones', async () => {
		const bad = { userId: 'nobody', authToken: 'garbage' };
		expect((await call(sim, 'POST', 'users.forgotPassword', { as: bad, body: { email: 'plain.user@example.com' } })).status).toBe(200);
		// users.getAvatar needs a login from 8.1 (#38088); 7.10 still redirects anybody.
		expect((await call(sim, 'GET', 'users.getAvatar', { as: bad, query: { username: 'admin' } })).status).toBe(401);
		expect((await call(eol, 'GET', 'users.getAvatar', { as: bad, query: { username: 'admin' } })).status).toBe(307);
		expect((await call(sim, 'GET', '/avatar/admin', { as: bad })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.2fa.sendEmailCode', { as: bad, body: { emailOrUsername: 'admin' } })).status).toBe(200);
		const reg = await call(sim, 'POST', 'users.register', { as: bad, body: { username: 'newbie', email: 'newbie@example.com', pass: 'pw', name: 'New Bie' } });
		expect(reg.status).toBe(200);
		expect(reg.body.user).toMatchObject({ username: 'newbie', active: true, type: 'user' });
	});

	it('missing permissions give 403 with the error-unauthorized text on every release', async () => {
		for (const server of [sim, legacy, eol]) {
			const res = await call(server, 'POST', 'users.deactivateIdle', { as: server.plainUser, body: { daysIdle: 30 } });
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' });
		}
		for (const [method, path, body] of [
			['POST', 'users.delete', { userId: sim.admin.userId }],
			['POST', 'users.setActiveStatus', { userId: sim.admin.userId, activeStatus: false }],
			['POST', 'users.sendWelcomeEmail', { email: 'admin@example.com' }],
		] as const) {
			expect((await call(sim, method, path, { as: sim.plainUser, body })).status).toBe(403);
		}
	});

	it('9.0 answers refusals thrown as error-not-allowed / not-authorized with 403 error-forbidden; 8.x with 400 and the code (#43214)', async () => {
		for (const [server, status, errorType] of [
			[sim, 403, 'error-forbidden'],
			[legacy, 400, 'error-not-allowed'],
		] as const) {
			server.state.settings.allowDeleteOwnAccount = false;
			const res = await call(server, 'POST', 'users.deleteOwnAccount', { as: server.plainUser, body: { password: server.passwordCode(server.plainUser.password) } });
			server.state.settings.allowDeleteOwnAccount = true;
			expect([res.status, res.body]).toEqual([status, { success: false, error: 'Not allowed [error-not-allowed]', errorType }]);
		}
		for (const [server, status, errorType] of [
			[sim, 403, 'error-forbidden'],
			[legacy, 400, 'not-authorized'],
		] as const) {
			const bot = server.addUser({ username: 'pat.less.bot', type: 'bot', roles: ['bot'], password: null });
			const res = await call(server, 'POST', 'users.generatePersonalAccessToken', { as: bot, body: { tokenName: 'x' } });
			expect([res.status, res.body.errorType]).toEqual([status, errorType]);
		}
	});

	it('handler-level refusals keep their own shapes', async () => {
		// users.create is 2FA-gated on 9.0 (versions.ts createTwoFactorGated): the password code gets past the gate.
		const code = { 'x-2fa-code': sim.passwordCode(sim.plainUser.password), 'x-2fa-method': 'password' };
		const create = await call(sim, 'POST', 'users.create', { as: sim.plainUser, headers: code, body: { name: 'X', email: 'x@example.com', password: 'p', username: 'xx' } });
		expect(create.status).toBe(400);
		expect(create.body).toEqual({
			success: false,
			error: 'Adding user is not allowed [error-action-not-allowed]',
			errorType: 'error-action-not-allowed',
			details: { method: 'insertOrUpdateUser', action: 'Adding_user' },
		});
		const logoutOther = await call(sim, 'POST', 'users.logout', { as: sim.plainUser, body: { userId: sim.admin.userId } });
		expect(logoutOther.status).toBe(403);
		expect(logoutOther.body).toEqual({ success: false, error: 'forbidden' });
		// API.v1.forbidden() says "unauthorized" until the 9.0 error switch.
		const legacyLogout = await call(legacy, 'POST', 'users.logout', { as: legacy.plainUser, body: { userId: legacy.admin.userId } });
		expect([legacyLogout.status, legacyLogout.body]).toEqual([403, { success: false, error: 'unauthorized' }]);
	});

	it('validates parameters like the server', async () => {
		const info = await call(sim, 'GET', 'users.info', { as: sim.admin });
		expect(info.status).toBe(400);
		expect(info.body.errorType).toBe('invalid-params');
		expect(info.body.error).toMatch(/must have required property 'userId'[\s\S]*\[invalid-params\]$/);
		const notFound = await call(sim, 'GET', 'users.info', { as: sim.admin, query: { userId: 'does-not-exist' } });
		expect(notFound.status).toBe(400);
		expect(notFound.body).toEqual({ success: false, error: 'User not found.' });
		const noUser = await call(sim, 'POST', 'users.delete', { as: sim.admin, body: {} });
		expect(noUser.body.errorType).toBe('error-user-param-not-provided');
		const unknown = await call(sim, 'GET', 'users.nope', { as: sim.admin });
		expect(unknown.status).toBe(404);
	});

	it('limits what other users see in users.info', async () => {
		const asPlain = await call(sim, 'GET', 'users.info', { as: sim.plainUser, query: { username: 'admin' } });
		expect(asPlain.body.user.canViewAllInfo).toBe(false);
		expect(asPlain.body.user.emails).toBeUndefined();
		const asAdmin = await call(sim, 'GET', 'users.info', { as: sim.admin, query: { username: 'plain.user', includeUserRooms: 'true' } });
		expect(asAdmin.body.user.canViewAllInfo).toBe(true);
		expect(asAdmin.body.user.emails).toEqual([{ address: 'plain.user@example.com', verified: true }]);
		expect(Array.isArray(asAdmin.body.user.rooms)).toBe(true);
	});
});
