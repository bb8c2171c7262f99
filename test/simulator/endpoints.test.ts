import { startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders, type LooseBody } from './helpers';

describe('simulator endpoint behaviour', () => {
	let sim: Simulator;
	beforeEach(async () => {
		// 8.9.2: the 8.x refusal codes (400 error-not-allowed; 9.0's 403 remapping is in auth.test.ts) and users.create /
		// users.createToken before their 2FA gate (versions.ts createTwoFactorGated, tested in versions.test.ts).
		sim = await startSimulator({ users: 30, now: FIXED_NOW, createTokenSecret: 'let-me-in', serverVersion: '8.9.2' });
	});
	afterEach(() => sim.close());
	const adminCode = () => twoFactorHeaders(sim.passwordCode(sim.admin.password), 'password');

	it('personal access tokens: generate, list, regenerate, remove', async () => {
		const gen = await call(sim, 'POST', 'users.generatePersonalAccessToken', { as: sim.admin, headers: adminCode(), body: { tokenName: 'ci', bypassTwoFactor: true } });
		expect(gen.status).toBe(200);
		const token = gen.body.token as string;
		expect((await call(sim, 'GET', 'me', { as: { userId: sim.admin.userId, authToken: token } })).status).toBe(200);
		const dup = await call(sim, 'POST', 'users.generatePersonalAccessToken', { as: sim.admin, body: { tokenName: 'ci' } });
		expect(dup.body.errorType).toBe('error-token-already-exists'); // 2FA remembered for this client
		const listed = await call(sim, 'GET', 'users.getPersonalAccessTokens', { as: sim.admin });
		expect(listed.body.tokens).toEqual([{ name: 'ci', createdAt: FIXED_NOW.toISOString(), lastTokenPart: token.slice(-6), bypassTwoFactor: true }]);
		const regen = await call(sim, 'POST', 'users.regeneratePersonalAccessToken', { as: sim.admin, body: { tokenName: 'ci' } });
		expect(regen.body.token).not.toBe(token);
		expect((await call(sim, 'GET', 'me', { as: { userId: sim.admin.userId, authToken: token } })).status).toBe(401);
		expect((await call(sim, 'POST', 'users.removePersonalAccessToken', { as: sim.admin, body: { tokenName: 'ci' } })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.removePersonalAccessToken', { as: sim.admin, body: { tokenName: 'ci' } })).body.errorType).toBe('error-token-does-not-exists');
		expect((await call(sim, 'POST', 'users.generatePersonalAccessToken', { as: sim.admin, body: {} })).body).toEqual({ success: false, error: "The 'tokenName' param is required" });
	});

	it('preferences: only the saved ones are returned (the defaults only by /me); unknown keys are rejected', async () => {
		const set = await call(sim, 'POST', 'users.setPreferences', { as: sim.plainUser, body: { data: { language: 'de', sidebarViewMode: 'condensed', notificationsSoundVolume: 40 } } });
		expect(set.status).toBe(200);
		expect(set.body.user.settings.preferences).toEqual({ language: 'de', sidebarViewMode: 'condensed', notificationsSoundVolume: 40 });
		const get = await call(sim, 'GET', 'users.getPreferences', { as: sim.plainUser });
		expect(get.body.preferences).toEqual({ language: 'de', sidebarViewMode: 'condensed', notificationsSoundVolume: 40 });
		expect((await call(sim, 'GET', 'me', { as: sim.plainUser })).body.settings.preferences).toMatchObject({ sidebarViewMode: 'condensed', newRoomNotification: 'door' });
		expect((await call(sim, 'POST', 'users.setPreferences', { as: sim.plainUser, body: { data: { bogus: 1 } } })).body.errorType).toBe('invalid-params');
		const other = await call(sim, 'POST', 'users.setPreferences', { as: sim.plainUser, body: { userId: sim.admin.userId, data: { useEmojis: false } } });
		expect(other.body.errorType).toBe('error-action-not-allowed');
	});

	it('status: set with expiry, read back, expires; presence lists non-offline users', async () => {
		const expiresAt = new Date(FIXED_NOW.getTime() + 3_600_000).toISOString();
		expect((await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: { status: 'busy', message: 'Deep work', expiresAt } })).status).toBe(200);
		const st = await call(sim, 'GET', 'users.getStatus', { as: sim.admin, query: { userId: sim.plainUser.userId } });
		expect(st.body).toEqual({ _id: sim.plainUser.userId, status: 'busy', statusSource: 'manual', statusExpiresAt: expiresAt, success: true });
		expect((await call(sim, 'GET', 'users.getPresence', { as: sim.admin, query: { username: 'plain.user' } })).body).toEqual({ presence: 'busy', success: true });
		const presence = await call(sim, 'GET', 'users.presence', { as: sim.admin });
		expect(presence.body.full).toBe(true);
		expect(presence.body.users.find((u: LooseBody) => u._id === sim.plainUser.userId)).toMatchObject({ status: 'busy', statusText: 'Deep work' });
		const byIds = await call(sim, 'GET', 'users.presence', { as: sim.admin, query: { ids: `${sim.plainUser.userId},${sim.admin.userId}` } });
		expect(byIds.body.full).toBe(false);
		expect(byIds.body.users).toHaveLength(2);
		sim.setNow(FIXED_NOW.getTime() + 3_600_001);
		expect((await call(sim, 'GET', 'users.getStatus', { as: sim.plainUser })).body).toMatchObject({ status: 'online', connectionStatus: 'online' });
		expect((await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: { status: 'sleeping' } })).body.errorType).toBe('error-invalid-status');
		expect((await call(sim, 'POST', 'users.setStatus', { as: sim.plainUser, body: {} })).status).toBe(400);
	});

	it('logout clears every token (PATs included); logoutOtherClients keeps the caller token', async () => {
		const u = sim.addUser({ username: 'multi.device' });
		const second = sim.addSession({ userId: u.userId }).authToken;
		const pat = sim.addPersonalAccessToken(u.userId, 'script');
		const other = await call(sim, 'POST', 'users.logoutOtherClients', { as: u });
		expect(other.body).toEqual({ token: u.authToken, tokenExpires: new Date(FIXED_NOW.getTime() + 90 * 86_400_000).toISOString(), success: true });
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: second } })).status).toBe(401);
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: pat } })).status).toBe(200);
		const out = await call(sim, 'POST', 'users.logout', { as: sim.admin, body: { userId: u.userId } });
		expect(out.body).toEqual({ message: `User ${u.userId} has been logged out!`, success: true });
		expect((await call(sim, 'GET', 'me', { as: u })).status).toBe(401);
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: pat } })).status).toBe(401);
		// unsetLoginTokens answers an UpdateResult, always truthy: logging out again (or an unknown id) succeeds.
		expect((await call(sim, 'POST', 'users.logout', { as: sim.admin, body: { userId: u.userId } })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.logout', { as: sim.admin, body: { userId: 'no-such-user' } })).body).toEqual({ message: 'User no-such-user has been logged out!', success: true });
	});

	it('removeOtherTokens and 2fa.enableEmail drop the other login sessions', async () => {
		const u = sim.addUser({ username: 'two.sessions' });
		const second = sim.addSession({ userId: u.userId, device: { name: 'Firefox' } });
		expect((await call(sim, 'POST', 'users.2fa.enableEmail', { as: u })).status).toBe(200);
		expect(sim.state.sessionBySessionId(second.session.sessionId)?.logoutAt).toBeDefined();
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: second.authToken } })).status).toBe(401);
		const third = sim.addSession({ userId: u.userId });
		expect((await call(sim, 'POST', 'users.removeOtherTokens', { as: u })).body).toEqual({ success: true });
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: third.authToken } })).status).toBe(401);
		const unverified = sim.addUser({ username: 'unverified', emails: [{ address: 'u@example.com', verified: false }] });
		expect((await call(sim, 'POST', 'users.2fa.enableEmail', { as: unverified })).body.error).toBe('You need to verify your emails before setting up 2FA [error-invalid-user]');
	});

	it('users.createToken needs the configured secret', async () => {
		const bad = await call(sim, 'POST', 'users.createToken', { as: sim.admin, body: { userId: sim.plainUser.userId, secret: 'wrong' } });
		expect(bad.body.errorType).toBe('error-not-authorized');
		const ok = await call(sim, 'POST', 'users.createToken', { as: sim.admin, body: { userId: sim.plainUser.userId, secret: 'let-me-in' } });
		expect(ok.body.data.userId).toBe(sim.plainUser.userId);
		expect((await call(sim, 'GET', 'me', { as: ok.body.data })).body.username).toBe('plain.user');
	});

	it('create / update / register validate usernames and e-mails', async () => {
		const create = await call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: 'New One', email: 'new.one@example.com', password: 'pw', username: 'new.one', roles: ['user', 'livechat-agent'], sendWelcomeEmail: true } });
		expect(create.status).toBe(200);
		expect(create.body.user).toMatchObject({ username: 'new.one', roles: ['user', 'livechat-agent'], active: true, emails: [{ address: 'new.one@example.com', verified: false }] });
		expect(sim.state.emailsSent.at(-1)).toMatchObject({ kind: 'welcome', to: 'new.one@example.com' });
		expect((await call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: 'X', email: 'x2@example.com', password: 'pw', username: 'new.one' } })).body).toMatchObject({
			errorType: 'error-field-unavailable',
			error: 'new.one is already in use :( [error-field-unavailable]',
		});
		expect((await call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: 'X', email: 'x2@example.com', password: 'pw', username: 'bad name' } })).body.errorType).toBe(
			'error-input-is-not-a-valid-field',
		);
		expect((await call(sim, 'POST', 'users.create', { as: sim.admin, body: { name: 'X' } })).body.errorType).toBe('invalid-params');
		const update = await call(sim, 'POST', 'users.update', { as: sim.admin, headers: adminCode(), body: { userId: create.body.user._id, data: { name: 'Renamed', roles: ['user'] } } });
		expect(update.body.user).toMatchObject({ name: 'Renamed', roles: ['user'] });
		const reg = await call(sim, 'POST', 'users.register', { body: { username: 'self.made', email: 'self@example.com', pass: 'pw', name: '' } });
		expect(reg.body.user).toMatchObject({ username: 'self.made', name: '' });
		expect(sim.state.userByUsername('self.made')?.password).toBe('pw');
	});

	it('records welcome e-mails, reports, forgot-password mails and data-download requests', async () => {
		expect((await call(sim, 'POST', 'users.sendWelcomeEmail', { as: sim.admin, body: { email: 'plain.user@example.com' } })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.sendWelcomeEmail', { as: sim.admin, body: { email: 'nobody@example.com' } })).body.errorType).toBe('error-invalid-user');
		expect((await call(sim, 'POST', 'moderation.reportUser', { as: sim.plainUser, body: { userId: sim.admin.userId, description: 'spam' } })).status).toBe(200);
		expect(sim.state.reports).toEqual([expect.objectContaining({ reportedUserId: sim.admin.userId, reportedById: sim.plainUser.userId, description: 'spam' })]);
		const forgot = await call(sim, 'POST', 'users.forgotPassword', { body: { email: 'Plain.User@example.com' } });
		expect(forgot.body).toEqual({ success: true });
		expect((await call(sim, 'POST', 'users.forgotPassword', { body: { email: 'ghost@example.com' } })).status).toBe(200);
		expect(sim.state.emailsSent.map((e) => e.kind)).toEqual(['welcome', 'forgotPassword']);
		const first = await call(sim, 'GET', 'users.requestDataDownload', { as: sim.plainUser });
		expect(first.body).toMatchObject({ requested: true, exportOperation: { status: 'pending', fullExport: false, userId: sim.plainUser.userId } });
		expect(first.body).not.toHaveProperty('pendingOperationsBeforeMyRequest');
		const again = await call(sim, 'GET', 'users.requestDataDownload', { as: sim.plainUser });
		expect(again.body.requested).toBe(false);
		expect(sim.state.dataDownloads).toHaveLength(1);
	});

	it('autocomplete, username availability and suggestion', async () => {
		const ac = await call(sim, 'GET', 'users.autocomplete', { as: sim.admin, query: { selector: JSON.stringify({ term: 'plain', exceptions: [] }) } });
		expect(ac.body.items.map((i: LooseBody) => i.username)).toEqual(['plain.user']);
		const ex = await call(sim, 'GET', 'users.autocomplete', { as: sim.admin, query: { selector: JSON.stringify({ term: 'plain', exceptions: ['plain.user'] }) } });
		expect(ex.body.items).toEqual([]);
		expect((await call(sim, 'GET', 'users.autocomplete', { as: sim.admin })).body.errorType).toBe('invalid-params');
		// A taken name (any case) is unavailable; a reserved one ('admin') is refused outright (checkUsernameAvailability).
		expect((await call(sim, 'GET', 'users.checkUsernameAvailability', { as: sim.plainUser, query: { username: 'TOTP.ADMIN' } })).body.result).toBe(false);
		expect((await call(sim, 'GET', 'users.checkUsernameAvailability', { as: sim.plainUser, query: { username: 'ADMIN' } })).body.errorType).toBe('error-blocked-username');
		expect((await call(sim, 'GET', 'users.checkUsernameAvailability', { as: sim.plainUser, query: { username: 'fresh.name' } })).body.result).toBe(true);
		expect((await call(sim, 'GET', 'users.getUsernameSuggestion', { as: sim.plainUser })).body.result).toBe('plain.user1');
	});

	it('updateOwnBasicInfo asks for SHA-256(currentPassword) when changing password or e-mail', async () => {
		const u = sim.addUser({ username: 'self.edit', password: 'old-pw' });
		expect((await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: u, body: { data: { bio: 'hello', nickname: 'se' } } })).body.user).toMatchObject({ bio: 'hello', nickname: 'se' });
		const noPw = await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: u, body: { data: { newPassword: 'new-pw' } } });
		expect(noPw.body.errorType).toBe('totp-required');
		const wrong = await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: u, body: { data: { newPassword: 'new-pw', currentPassword: sim.passwordCode('nope') } } });
		expect(wrong.body.errorType).toBe('totp-invalid');
		const ok = await call(sim, 'POST', 'users.updateOwnBasicInfo', { as: u, body: { data: { newPassword: 'new-pw', email: 'self.edit@new.example.com', currentPassword: sim.passwordCode('old-pw') } } });
		expect(ok.status).toBe(200);
		expect(ok.body.user.emails).toEqual([{ address: 'self.edit@new.example.com', verified: false }]);
		expect(sim.state.userById(u.userId)?.password).toBe('new-pw');
	});

	it('deleteOwnAccount checks the SHA-256 password and the setting', async () => {
		const u = sim.addUser({ username: 'leaving', password: 'bye' });
		expect((await call(sim, 'POST', 'users.deleteOwnAccount', { as: u, body: { password: sim.passwordCode('wrong') } })).body.errorType).toBe('error-invalid-password');
		expect((await call(sim, 'POST', 'users.deleteOwnAccount', { as: u, body: {} })).body).toEqual({ success: false, error: 'Body parameter "password" is required.' });
		sim.state.settings.allowDeleteOwnAccount = false;
		expect((await call(sim, 'POST', 'users.deleteOwnAccount', { as: u, body: { password: sim.passwordCode('bye') } })).body.errorType).toBe('error-not-allowed');
		sim.state.settings.allowDeleteOwnAccount = true;
		expect((await call(sim, 'POST', 'users.deleteOwnAccount', { as: u, body: { password: sim.passwordCode('bye') } })).body).toEqual({ success: true });
		expect(sim.state.userById(u.userId)).toBeUndefined();
	});

	it('resetE2EKey and resetTOTP log the target out', async () => {
		const t = sim.addUser({ username: 'totp.target', twoFactor: 'totp' });
		const reset = await call(sim, 'POST', 'users.resetTOTP', { as: sim.admin, headers: adminCode(), body: { userId: t.userId } });
		expect(reset.status).toBe(200);
		expect(sim.state.userById(t.userId)?.totp).toBeUndefined();
		expect((await call(sim, 'GET', 'me', { as: t })).status).toBe(401);
		const e = sim.addUser({ username: 'e2e.target' });
		expect((await call(sim, 'POST', 'users.resetE2EKey', { as: sim.admin, headers: adminCode(), body: { username: 'e2e.target' } })).status).toBe(200);
		expect((await call(sim, 'GET', 'me', { as: e })).status).toBe(401);
		expect((await call(sim, 'POST', 'users.resetE2EKey', { as: sim.plainUser, headers: twoFactorHeaders(sim.passwordCode(sim.plainUser.password), 'password'), body: { userId: sim.admin.userId } })).body.errorType).toBe(
			'error-not-allowed',
		);
	});

	it('listTeams shows the teams of a user', async () => {
		const teams = await call(sim, 'GET', 'users.listTeams', { as: sim.admin, query: { userId: sim.plainUser.userId } });
		expect(teams.body.teams).toEqual([expect.objectContaining({ name: 'team-1', isOwner: false, type: expect.any(Number) })]);
	});

	it('sessions: info, logout.me and admin logout revoke the bound login token', async () => {
		const u = sim.addUser({ username: 'session.user' });
		const extra = sim.addSession({ userId: u.userId, device: { name: 'Safari' } });
		const info = await call(sim, 'GET', 'sessions/info', { as: u, query: { sessionId: extra.session.sessionId } });
		expect(info.body).toMatchObject({ sessionId: extra.session.sessionId, userId: u.userId, type: 'session', searchTerm: expect.stringContaining('Safari') });
		expect((await call(sim, 'GET', 'sessions/info', { as: sim.plainUser, query: { sessionId: extra.session.sessionId } })).status).toBe(404);
		const me = await call(sim, 'POST', 'sessions/logout.me', { as: u, body: { sessionId: extra.session.sessionId } });
		expect(me.body).toEqual({ sessionId: extra.session.sessionId, success: true });
		expect((await call(sim, 'GET', 'me', { as: { userId: u.userId, authToken: extra.authToken } })).status).toBe(401);
		const own = sim.state.sessions.find((s) => s.userId === u.userId && !s.logoutAt);
		const admin = await call(sim, 'POST', 'sessions/logout', { as: sim.admin, headers: adminCode(), body: { sessionId: own?.sessionId } });
		expect(admin.status).toBe(200);
		expect(sim.state.sessionBySessionId(own?.sessionId as string)?.logoutBy).toBe(sim.admin.userId);
		expect((await call(sim, 'GET', 'me', { as: u })).status).toBe(401);
		const adminInfo = await call(sim, 'GET', 'sessions/info.admin', { as: sim.admin, query: { sessionId: own?.sessionId as string } });
		expect(adminInfo.status).toBe(404);
		expect((await call(sim, 'POST', 'sessions/logout', { as: sim.admin, body: { sessionId: 'missing' } })).body).toEqual({ success: false, error: 'Session not found' });
	});
});
