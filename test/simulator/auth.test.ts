import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

describe('simulator auth, permissions and error envelopes', () => {
	let sim: Simulator;
	let legacy: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ users: 20, now: FIXED_NOW });
		legacy = await startSimulator({ users: 20, now: FIXED_NOW, serverVersion: '7.10.0' });
	});
	afterAll(async () => Promise.all([sim.close(), legacy.close()]));

	it('answers 401 without or with bad credentials (8.x body)', async () => {
		const missing = await call(sim, 'GET', 'me');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({ success: false, error: 'You must be logged in to do this.' });
		const wrong = await call(sim, 'GET', 'me', { as: { userId: sim.admin.userId, authToken: 'nope' } });
		expect(wrong.status).toBe(401);
		const otherUsersToken = await call(sim, 'GET', 'me', { as: { userId: sim.plainUser.userId, authToken: sim.admin.authToken } });
		expect(otherUsersToken.status).toBe(401);
	});

	it('keeps the Restivus keys in the 401 body before 8.0', async () => {
		const res = await call(legacy, 'GET', 'users.list');
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' });
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
		expect((await call(sim, 'GET', 'users.getAvatar', { as: bad, query: { username: 'admin' } })).status).toBe(307);
		expect((await call(sim, 'GET', '/avatar/admin', { as: bad })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.2fa.sendEmailCode', { as: bad, body: { emailOrUsername: 'admin' } })).status).toBe(200);
		const reg = await call(sim, 'POST', 'users.register', { as: bad, body: { username: 'newbie', email: 'newbie@example.com', pass: 'pw', name: 'New Bie' } });
		expect(reg.status).toBe(200);
		expect(reg.body.user).toMatchObject({ username: 'newbie', active: true, type: 'user' });
	});

	it('missing permissions give 403 with the 8.x error-forbidden text', async () => {
		const res = await call(sim, 'POST', 'users.deactivateIdle', { as: sim.plainUser, body: { daysIdle: 30 } });
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ success: false, error: 'User does not have the permissions required for this action [error-forbidden]' });
		for (const [method, path, body] of [
			['POST', 'users.delete', { userId: sim.admin.userId }],
			['POST', 'users.setActiveStatus', { userId: sim.admin.userId, activeStatus: false }],
			['POST', 'users.sendWelcomeEmail', { email: 'admin@example.com' }],
		] as const) {
			expect((await call(sim, method, path, { as: sim.plainUser, body })).status).toBe(403);
		}
	});

	it('uses the error-unauthorized text before 8.0', async () => {
		const res = await call(legacy, 'POST', 'users.deactivateIdle', { as: legacy.plainUser, body: { daysIdle: 30 } });
		expect(res.status).toBe(403);
		expect(res.body.error).toBe('User does not have the permissions required for this action [error-unauthorized]');
	});

	it('handler-level refusals keep their own shapes', async () => {
		const create = await call(sim, 'POST', 'users.create', { as: sim.plainUser, body: { name: 'X', email: 'x@example.com', password: 'p', username: 'xx' } });
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
