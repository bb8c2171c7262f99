/**
 * users.createToken as each release line has it: before 8.0 the CREATE_TOKENS_FOR_USERS switch (and, for
 * another user, user-generate-access-token); 8.0 to 8.6 only the `secret`; from 8.7 the secret and the
 * permission for another user.
 */
import { startSimulator, type Simulator } from '../../simulator/server';

/** With the caller's password as second factor: users.createToken is 2FA-gated on 9.0 (versions.ts createTwoFactorGated). */
async function createToken(sim: Simulator, as: { userId: string; authToken: string; password: string }, body: Record<string, unknown>) {
	const headers = { ...sim.authHeaders(as), 'content-type': 'application/json', 'x-2fa-code': sim.passwordCode(as.password), 'x-2fa-method': 'password' };
	const res = await fetch(`${sim.url}/api/v1/users.createToken`, { method: 'POST', headers, body: JSON.stringify(body) });
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The seeded `user`-role account: it lacks user-generate-access-token, which only admin holds by default. */
const plain = (sim: Simulator) => sim.plainUser;

describe('users.createToken per release line', () => {
	const sims: Simulator[] = [];
	const start = async (options: Parameters<typeof startSimulator>[0]) => {
		const sim = await startSimulator({ users: 2, ...options });
		sims.push(sim);
		return sim;
	};
	afterAll(() => Promise.all(sims.map((s) => s.close())));

	it('7.10 without CREATE_TOKENS_FOR_USERS refuses, whatever the secret', async () => {
		const sim = await start({ serverVersion: '7.10.0', createTokenSecret: 's3cret' });
		const res = await createToken(sim, sim.admin, { userId: sim.admin.userId, secret: 's3cret' });
		expect(res).toEqual({ status: 400, body: { success: false, error: 'Not authorized [error-not-authorized]', errorType: 'error-not-authorized' } });
	});

	it('7.10 with CREATE_TOKENS_FOR_USERS: oneself without a secret, another user only with the permission', async () => {
		const sim = await start({ serverVersion: '7.10.0', createTokensForUsers: true });
		const own = await createToken(sim, plain(sim), { userId: sim.plainUser.userId });
		expect(own.status).toBe(200);
		expect((await fetch(`${sim.url}/api/v1/me`, { headers: sim.authHeaders(own.body.data) })).status).toBe(200);
		expect((await createToken(sim, plain(sim), { userId: sim.admin.userId })).body.errorType).toBe('error-not-authorized');
		expect((await createToken(sim, sim.admin, { userId: sim.plainUser.userId })).status).toBe(200);
	});

	it('8.0 asks for the secret (invalid-params without it) and no permission, even for another user', async () => {
		const sim = await start({ serverVersion: '8.0.0', createTokenSecret: 's3cret' });
		const missing = await createToken(sim, plain(sim), { userId: sim.admin.userId });
		expect(missing.body.errorType).toBe('invalid-params');
		expect((await createToken(sim, plain(sim), { userId: sim.admin.userId, secret: 'wrong' })).body.errorType).toBe('error-not-authorized');
		const other = await createToken(sim, plain(sim), { userId: sim.admin.userId, secret: 's3cret' });
		expect(other.status).toBe(200);
		expect(other.body.data.userId).toBe(sim.admin.userId);
	});

	it('8.x without CREATE_TOKENS_FOR_USERS_SECRET refuses every secret', async () => {
		const sim = await start({ serverVersion: '8.8.1' });
		expect((await createToken(sim, sim.admin, { userId: sim.admin.userId, secret: '' })).body.errorType).toBe('error-not-authorized');
	});

	it('8.7 checks user-generate-access-token again for another user', async () => {
		const sim = await start({ serverVersion: '8.7.0', createTokenSecret: 's3cret' });
		expect((await createToken(sim, plain(sim), { userId: sim.admin.userId, secret: 's3cret' })).body.errorType).toBe('error-not-authorized');
		expect((await createToken(sim, plain(sim), { userId: sim.plainUser.userId, secret: 's3cret' })).status).toBe(200);
		expect((await createToken(sim, sim.admin, { userId: sim.plainUser.userId, secret: 's3cret' })).status).toBe(200);
	});
});
