// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { IDataObject } from 'n8n-workflow';
import { credentialFor } from '../support/simCredential';
import { startSimulator, type Simulator } from '../../simulator/server';
import { writeSetting } from '../../simulator/settings';

/**
 * The node in n8n-core's engine against the simulator at Rocket.Chat 9.0.1: 9.0 answers 403 with
 * `errorType: "error-forbidden"` both for a setting that is off and for a missing permission (#43214), 400 for the
 * missing licence, and limits some routes on their own (users.setStatus 5 calls per 60 s). Each item's error must
 * name the real cause.
 */
const VERSION = '9.0.1';

let sim: Simulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

interface ItemError {
	message: string;
	description: string;
	httpCode: string;
}

/** The error the run stopped with (the node's NodeApiError). */
function stoppedWith(result: { status: string; error?: unknown }): ItemError {
	expect(result.status).toBe('error');
	return result.error as ItemError;
}

describe(`Rocket.Chat ${VERSION}: each refusal names its cause`, () => {
	test('a 403 from a setting: a status message while "Allow Custom Status Message" is off', async () => {
		sim = await startSimulator({ users: 3, serverVersion: VERSION });
		expect(writeSetting(sim.state, 'Accounts_AllowUserStatusMessageChange', false)).toBeUndefined();
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'setStatus', updateFields: { status: 'away', message: 'At lunch' } },
			credential: credentialFor(sim, sim.plainUser),
		});
		const error = stoppedWith(result);
		expect([error.httpCode, error.message]).toEqual(['403', 'Change status is not allowed [error-not-allowed]']);
		expect(error.description).toContain('(Accounts_AllowUserStatusMessageChange) is off');
		expect(error.description).toContain('not a missing permission');
	});

	test('a 403 from a permission with the same errorType: a personal access token without create-personal-access-tokens', async () => {
		sim = await startSimulator({ users: 3, serverVersion: VERSION });
		sim.state.permissions['create-personal-access-tokens'] = ['admin'];
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'generatePersonalAccessToken', patName: 'probe' },
			credential: credentialFor(sim, sim.plainUser, { twoFactorMethod: 'password', password: sim.plainUser.password }),
		});
		const error = stoppedWith(result);
		expect(error.httpCode).toBe('403');
		expect(error.description).toBe('The credential\'s user needs the "create-personal-access-tokens" permission for this operation.');
	});

	test('a 403 from the permissions middleware: Deactivate Idle Users as an ordinary user', async () => {
		sim = await startSimulator({ users: 3, serverVersion: VERSION });
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'deactivateIdleUsers', daysIdle: 30, role: 'user' },
			credential: credentialFor(sim, sim.plainUser),
		});
		const error = stoppedWith(result);
		expect(error.httpCode).toBe('403');
		expect(error.message).toContain('permissions required');
		expect(error.description).toBe('The credential\'s user needs the "edit-other-user-active-status" permission for this operation.');
	});

	test('the licence: Device Management without the Enterprise licence answers 400 error-action-not-allowed', async () => {
		sim = await startSimulator({ users: 3, serverVersion: VERSION, deviceManagementLicence: false });
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getAll', returnAll: false, limit: 5 },
			credential: credentialFor(sim, sim.admin),
		});
		const error = stoppedWith(result);
		expect([error.httpCode, error.message]).toEqual(['400', 'This is an enterprise feature [error-action-not-allowed]']);
		expect(error.description).toMatch(/^The workspace lacks the Enterprise "device-management" licence/);
	});

	test('a bad token: the 9.0 401 body keeps the token hint', async () => {
		sim = await startSimulator({ users: 3, serverVersion: VERSION });
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'getPreferences' },
			credential: { ...credentialFor(sim, sim.plainUser), authToken: 'not-a-token' } as IDataObject,
		});
		const error = stoppedWith(result);
		expect([error.httpCode, error.message]).toEqual(['401', 'You must be logged in to do this.']);
		expect(error.description).toMatch(/^Check the User ID and Auth Token/);
	});

	describe('users.setStatus: 5 calls per 60 s for each client, on its own', () => {
		const sixStatusChanges = Array.from({ length: 6 }, (_, index) => ({ json: { index } }));
		const setOwnStatus = (extra: IDataObject = {}) => ({ resource: 'user', operation: 'setStatus', updateFields: { status: 'away' }, ...extra });

		test('a per-route 429 is waited out (X-RateLimit-Reset) and the call then succeeds', async () => {
			// Within one execution the node paces by X-RateLimit-Remaining and never meets the 429; a second execution (a
			// new tracker, like another workflow behind the same IP) does. The simulator's clock runs 59 s behind until
			// it has answered that 429, then 1 s ahead: the 60 s window ends one real second after the refusal, as its
			// X-RateLimit-Reset says.
			let simulator: Simulator | undefined;
			const refusedOnce = () => simulator?.requests.some((request) => request.status === 429) ?? false;
			sim = simulator = await startSimulator({ users: 3, serverVersion: VERSION, routeRateLimits: true, now: () => Date.now() + (refusedOnce() ? 1_000 : -59_000) });
			const credential = credentialFor(sim, sim.plainUser);
			const first = await runRocketChat({ parameters: setOwnStatus(), credential, inputItems: sixStatusChanges.slice(0, 5) });
			expect(first.status).toBe('success');
			const second = await runRocketChat({ parameters: setOwnStatus(), credential });
			expect([second.status, (second.error as Error | undefined)?.message]).toEqual(['success', undefined]);
			expect(second.json('Rocket.Chat')).toEqual([{ success: true }]);
			const statuses = sim.requests.filter((request) => request.path === '/api/v1/users.setStatus').map((request) => request.status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 200]);
		});

		test('when the window ends later than Max Rate Limit Wait, the sixth item fails naming the route and its limit', async () => {
			sim = await startSimulator({ users: 3, serverVersion: VERSION, routeRateLimits: true });
			const result = await runRocketChat({
				parameters: setOwnStatus({ requestOptions: { maxRateLimitWait: 1 } }),
				credential: credentialFor(sim, sim.plainUser),
				inputItems: sixStatusChanges,
				onError: 'continueRegularOutput',
			});
			const items = result.output('Rocket.Chat')[0];
			expect(items.slice(0, 5).map((item) => item.json)).toEqual(Array.from({ length: 5 }, () => ({ success: true })));
			const refused = items[5];
			expect(refused.pairedItem).toEqual({ item: 5 });
			const error = refused.error as ItemError | undefined;
			expect(error?.httpCode).toBe('429');
			expect(error?.description).toContain('allows 5 calls to users.setStatus per window');
			// Refused before sending: the limiter's budget said the window was too far away.
			expect(sim.requests.filter((r) => r.path === '/api/v1/users.setStatus')).toHaveLength(5);
		});
	});
});
