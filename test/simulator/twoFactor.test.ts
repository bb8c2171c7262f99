import { generateTotp, hotp, startSimulator, verifyTotp, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW, twoFactorHeaders } from './helpers';

describe('TOTP primitives (RFC 6238 / RFC 4226)', () => {
	const secret = Buffer.from('12345678901234567890', 'ascii');

	it('matches the RFC 6238 SHA-1 vectors', () => {
		expect(generateTotp(secret, { timeMs: 59_000, digits: 8 })).toBe('94287082');
		expect(generateTotp(secret, { timeMs: 59_000 })).toBe('287082');
		expect(generateTotp(secret, { timeMs: 1_111_111_109_000, digits: 8 })).toBe('07081804');
		expect(generateTotp(secret, { timeMs: 1_234_567_890_000, digits: 8 })).toBe('89005924');
		expect(generateTotp(secret, { timeMs: 20_000_000_000_000, digits: 8 })).toBe('65353130');
	});

	it('matches the RFC 4226 HOTP vectors', () => {
		expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
	});

	it('accepts one step of clock drift each way, not two', () => {
		const now = 1_700_000_000_000;
		expect(verifyTotp(secret, generateTotp(secret, { timeMs: now - 30_000 }), now)).toBe(true);
		expect(verifyTotp(secret, generateTotp(secret, { timeMs: now + 30_000 }), now)).toBe(true);
		expect(verifyTotp(secret, generateTotp(secret, { timeMs: now - 60_000 }), now)).toBe(false);
	});
});

describe('simulator 2FA gate', () => {
	let sim: Simulator;
	beforeAll(async () => {
		// 8.9.2: the 2FA gate of the 8.x line (the 8.5 regression is in its own test); refusals with their 8.x codes.
		sim = await startSimulator({ users: 10, now: FIXED_NOW, serverVersion: '8.9.2' });
	});
	afterAll(() => sim.close());

	const gated = (as: { userId: string; authToken: string }, headers: Record<string, string> = {}, extra: Record<string, string> = {}) =>
		call(sim, 'POST', 'users.generatePersonalAccessToken', { as, headers: { ...headers, ...extra }, body: { tokenName: `t-${Math.random()}` } });

	it('asks for the password fallback, then rejects a wrong code, then accepts SHA-256(password)', async () => {
		const user = sim.addUser({ username: 'pw.user', password: 's3cret' });
		const none = await gated(user);
		expect(none.status).toBe(400);
		expect(none.body).toEqual({
			success: false,
			error: 'TOTP Required [totp-required]',
			errorType: 'totp-required',
			details: { method: 'password', codeGenerated: false, availableMethods: [] },
		});
		const wrong = await gated(user, twoFactorHeaders(sim.passwordCode('nope'), 'password'));
		expect(wrong.status).toBe(400);
		expect(wrong.body.errorType).toBe('totp-invalid');
		expect(wrong.body.error).toBe('TOTP Invalid [totp-invalid]');
		const good = await gated(user, twoFactorHeaders(sim.passwordCode('s3cret').toUpperCase(), 'password'));
		expect(good.status).toBe(200);
		expect(typeof good.body.token).toBe('string');
	});

	it('remembers a successful code for the same client for 30 minutes, except on disableRememberMe routes', async () => {
		const user = sim.addUser({ username: 'remember.me', password: 'pw' });
		expect((await gated(user, twoFactorHeaders(sim.passwordCode('pw'), 'password'))).status).toBe(200);
		expect((await gated(user)).status).toBe(200); // remembered (same user-agent + IP)
		expect((await gated(user, {}, { 'user-agent': 'another-client' })).status).toBe(400);
		const disable = await call(sim, 'POST', 'users.2fa.disableEmail', { as: user });
		expect(disable.body.errorType).toBe('totp-required');
		sim.setNow(FIXED_NOW.getTime() + 31 * 60_000);
		try {
			expect((await gated(user)).status).toBe(400);
		} finally {
			sim.setNow(FIXED_NOW);
		}
	});

	it('requires a valid TOTP code for TOTP users, with one step of drift', async () => {
		const headers = (code: string) => twoFactorHeaders(code, 'totp');
		const none = await call(sim, 'GET', 'sessions/list.all', { as: sim.totpUser });
		expect(none.body.details).toEqual({ method: 'totp', codeGenerated: false, availableMethods: ['totp'] });
		// The password fallback is not offered to TOTP users: 'password' selects their TOTP method.
		const pw = await call(sim, 'GET', 'sessions/list.all', { as: sim.totpUser, headers: twoFactorHeaders(sim.passwordCode(sim.totpUser.password), 'password') });
		expect(pw.body.errorType).toBe('totp-invalid');
		const old = await call(sim, 'GET', 'sessions/list.all', { as: sim.totpUser, headers: headers(sim.totp(undefined, sim.now() - 90_000)) });
		expect(old.body.errorType).toBe('totp-invalid');
		const drift = await call(sim, 'GET', 'sessions/info.admin', { as: sim.totpUser, headers: headers(sim.totp(undefined, sim.now() - 30_000)), query: { sessionId: sim.state.sessions[0].sessionId } });
		expect(drift.status).toBe(200);
	});

	it('sends e-mail codes and accepts them once', async () => {
		const user = sim.addUser({ username: 'mail.user', twoFactor: 'email' });
		const first = await gated(user);
		expect(first.body.details).toMatchObject({ method: 'email', codeGenerated: true, emailOrUsername: 'mail.user', availableMethods: ['email'] });
		const code = sim.lastEmailCode(user.userId) as string;
		expect(code).toMatch(/^\d{6}$/);
		expect(sim.state.emailCodesSent.at(-1)).toMatchObject({ userId: user.userId, to: ['mail.user@example.com'] });
		const second = await gated(user);
		expect(second.body.details).toMatchObject({ codeGenerated: false, codeExpires: expect.any(String) });
		const ok = await gated(user, twoFactorHeaders(`${code.slice(0, 3)}-${code.slice(3)}`, 'email'), { 'user-agent': 'mail-test' });
		expect(ok.status).toBe(200);
		const reused = await gated(user, twoFactorHeaders(code, 'email'), { 'user-agent': 'other-agent' });
		expect(reused.body.errorType).toBe('totp-invalid'); // codes are single-use
		// users.2fa.sendEmailCode issues a fresh code without authentication
		expect((await call(sim, 'POST', 'users.2fa.sendEmailCode', { body: { emailOrUsername: 'mail.user@example.com' } })).status).toBe(200);
		expect(sim.lastEmailCode(user.userId)).not.toBe(code);
	});

	it('lets PATs created with bypassTwoFactor skip the gate', async () => {
		const user = sim.addUser({ username: 'bot.owner', password: 'pw', roles: ['user', 'admin'] });
		const bypass = sim.addPersonalAccessToken(user.userId, 'automation', { bypassTwoFactor: true });
		const plain = sim.addPersonalAccessToken(user.userId, 'manual');
		expect((await call(sim, 'POST', 'users.update', { as: { userId: user.userId, authToken: bypass }, body: { userId: user.userId, data: { name: 'Bot Owner' } } })).status).toBe(200);
		expect((await call(sim, 'POST', 'users.update', { as: { userId: user.userId, authToken: plain }, body: { userId: user.userId, data: { name: 'X' } } })).body.errorType).toBe(
			'totp-required',
		);
	});

	it('skips 2FA entirely when disabled globally, and for accounts without a password', async () => {
		const bot = sim.addUser({ username: 'pwless.bot', type: 'bot', roles: ['bot'], password: null });
		expect((await gated(bot)).status).toBe(400); // bots lack create-personal-access-tokens
		expect((await gated(bot)).body.errorType).toBe('not-authorized');
		const user = sim.addUser({ username: 'switch.user', password: 'pw' });
		sim.state.settings.twoFactorEnabled = false;
		try {
			expect((await gated(user)).status).toBe(200);
		} finally {
			sim.state.settings.twoFactorEnabled = true;
		}
	});

	it('gates exactly the documented routes', async () => {
		const user = sim.addUser({ username: 'gate.check', password: 'pw', roles: ['user', 'admin'] });
		const gatedRoutes: Array<[string, unknown]> = [
			['users.update', { userId: user.userId, data: { name: 'n' } }],
			['users.generatePersonalAccessToken', { tokenName: 'a' }],
			['users.regeneratePersonalAccessToken', { tokenName: 'a' }],
			['users.removePersonalAccessToken', { tokenName: 'a' }],
			['users.2fa.disableEmail', {}],
			['users.resetE2EKey', {}],
			['users.resetTOTP', {}],
			['sessions/logout', { sessionId: 'x' }],
		];
		for (const [path, body] of gatedRoutes) {
			const res = await call(sim, 'POST', path, { as: user, body });
			expect([path, res.body.errorType]).toEqual([path, 'totp-required']);
		}
		for (const path of ['sessions/list.all', 'sessions/info.admin?sessionId=x']) {
			const res = await call(sim, 'GET', path, { as: user });
			expect([path, res.body.errorType]).toEqual([path, 'totp-required']);
		}
		// users.create and users.createToken are not gated before 9.0 (versions.ts createTwoFactorGated); this simulator is 8.9.2.
		const notGated: Array<[string, unknown]> = [
			['users.create', { name: 'Q', email: 'q@example.com', password: 'p', username: 'qq' }],
			['users.createToken', { userId: user.userId, secret: 'x' }],
			['users.setActiveStatus', { userId: 'nobody', activeStatus: true }],
			['users.deactivateIdle', { daysIdle: 100000 }],
			['sessions/logout.me', { sessionId: 'x' }],
		];
		for (const [path, body] of notGated) {
			const res = await call(sim, 'POST', path, { as: user, body });
			expect([path, res.body.errorType]).not.toEqual([path, 'totp-required']);
		}
	});
});
