// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { credentialFor } from '../support/simCredential';
import { startSimulator, type Simulator } from '../../simulator/server';

/** User → Get TOTP Backup Code Count in n8n-core's engine against the simulator (users.totp.codesRemaining, 8.8+). */
let sim: Simulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

const parameters = { resource: 'user', operation: 'getTotpCodesRemaining' };

test('an account with TOTP: one item with the count of unused backup codes, paired with its input', async () => {
	sim = await startSimulator({ users: 3, serverVersion: '8.9.2' });
	const account = sim.state.userById(sim.totpUser.userId)!;
	// Three unused codes left, as services.totp.hashedBackup holds them.
	Object.assign(account.totp!, { hashedBackup: ['h1', 'h2', 'h3'] });
	const result = await runRocketChat({ parameters, credential: credentialFor(sim, sim.totpUser) });
	expect(result.status).toBe('success');
	expect(result.output('Rocket.Chat')[0]).toEqual([{ json: { remaining: 3 }, pairedItem: { item: 0 } }]);
});

test('an account without TOTP: the error says there is no authenticator-app 2FA', async () => {
	sim = await startSimulator({ users: 3, serverVersion: '8.9.2' });
	const result = await runRocketChat({ parameters, credential: credentialFor(sim, sim.plainUser), onError: 'continueRegularOutput' });
	// n8n-core keeps only `error` in the item's json (normalizeNodeErrors); the NodeApiError stays on the item.
	const [item] = result.output('Rocket.Chat')[0];
	expect(item.json).toEqual({ error: '[invalid-totp]' });
	expect(item.error?.description).toContain('no authenticator-app (TOTP) two-factor authentication');
});

test('before 8.8 the route does not exist: the 404 says from which release it does', async () => {
	sim = await startSimulator({ users: 3, serverVersion: '8.7.3' });
	const result = await runRocketChat({ parameters, credential: credentialFor(sim, sim.totpUser) });
	expect(result.status).toBe('error');
	const error = result.error as { httpCode: string; description: string };
	expect(error.httpCode).toBe('404');
	expect(error.description).toContain('exists from Rocket.Chat 8.8 on');
});
