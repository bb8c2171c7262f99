// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { credentialFor } from '../support/simCredential';
import { startSimulator, type Simulator } from '../../simulator/server';

/**
 * Rocket.Chat 8.5.x (LTS to June 2027) challenges tokens created with "Ignore Two Factor Authentication" over REST
 * (#38017, fixed in 8.6.0 by #41065). The node cannot see the patch from GET /api/info and does not guess: with the
 * credential's method None its totp-required error says what works there, and the Password method does work.
 */
let sim: Simulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

/** Update (2FA-gated) of the credential user's own name, unchanged. */
const updateOwnName = (userId: string) => ({
	resource: 'user',
	operation: 'update',
	user: { __rl: true, mode: 'id', value: userId },
	updateFields: { name: 'Administrator' },
});

describe.each(['8.5.6', '8.9.2'])('Rocket.Chat %s, a personal access token with "Ignore Two Factor Authentication"', (serverVersion) => {
	const regression = serverVersion.startsWith('8.5');

	test(regression ? 'method None: totp-required, and the error says 8.5.x needs Password or TOTP' : 'method None: the bypass is honoured', async () => {
		sim = await startSimulator({ users: 3, serverVersion });
		const token = sim.addPersonalAccessToken(sim.admin.userId, 'n8n', { bypassTwoFactor: true });
		const credential = credentialFor(sim, { userId: sim.admin.userId, authToken: token });
		const result = await runRocketChat({ parameters: updateOwnName(sim.admin.userId), credential });
		if (!regression) {
			expect([result.status, (result.error as Error | undefined)?.message]).toEqual(['success', undefined]);
			return;
		}
		expect(result.status).toBe('error');
		const error = result.error as { message: string; description: string };
		expect(error.message).toBe('TOTP Required [totp-required]');
		expect(error.description).toContain('most likely on Rocket.Chat 8.5.x');
		expect(error.description).toContain("only the credential's Password or TOTP Secret method works");
	});

	test('method Password: the same token passes the gate', async () => {
		sim = await startSimulator({ users: 3, serverVersion });
		const token = sim.addPersonalAccessToken(sim.admin.userId, 'n8n', { bypassTwoFactor: true });
		const credential = credentialFor(sim, { userId: sim.admin.userId, authToken: token }, { twoFactorMethod: 'password', password: sim.admin.password });
		const result = await runRocketChat({ parameters: updateOwnName(sim.admin.userId), credential });
		expect([result.status, (result.error as Error | undefined)?.message]).toEqual(['success', undefined]);
	});
});
