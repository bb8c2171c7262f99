/**
 * User → Set Status in n8n-core's engine against the simulator at the LTS (7.10) and the newest 8.x: the
 * message is cut to 120 characters by the server; an expiry needs 8.6, so on 7.10 the node stops before
 * any write instead of setting a status that would never end.
 */
import { builtNodeTypes, CREDENTIAL, credentialFor, requestsTo } from './helpers';

import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { runWorkflow, type EngineWorkflow } from '../support/engine';

let sim: Simulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

const NODE = 'Set Status';

function workflow(updateFields: IDataObject): EngineWorkflow {
	return {
		name: 'Set Status',
		nodes: [
			{
				parameters: { resource: 'user', operation: 'setStatus', user: { __rl: true, mode: 'username', value: 'plain.user' }, updateFields },
				id: 'c0u00000-0000-4000-8000-000000000002',
				name: NODE,
				type: 'n8n-nodes-rocketchat.rocketChat',
				typeVersion: 1,
				position: [0, 0],
				credentials: { [CREDENTIAL]: { id: '1', name: 'Rocket.Chat account' } },
			},
		],
		connections: {},
	} as unknown as EngineWorkflow;
}

const run = (updateFields: IDataObject) =>
	runWorkflow(builtNodeTypes(), {
		workflow: workflow(updateFields),
		credentials: { [CREDENTIAL]: credentialFor(sim!, sim!.admin) },
		startNode: NODE,
		inputItems: [{ json: {} }],
	});

describe.each(['8.8.1', '7.10.0'])('Rocket.Chat %s', (serverVersion) => {
	const timed = serverVersion.startsWith('8');

	beforeEach(async () => {
		sim = await startSimulator({ users: 5, seed: 3, serverVersion });
	});

	test('a long message is saved cut to 120 characters; no version is asked without an expiry', async () => {
		const result = await run({ status: 'away', message: `  ${'x'.repeat(130)} ` });
		expect([result.status, (result.error as Error | undefined)?.message]).toEqual(['success', undefined]);
		expect(sim!.state.userByUsername('plain.user')?.statusText).toBe('x'.repeat(120));
		expect(requestsTo(sim!, '/api/info')).toHaveLength(0);
	});

	test(timed ? 'an expiry is sent and the server keeps it' : 'an expiry stops the node before the status is written', async () => {
		const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
		const result = await run({ status: 'busy', expiresAt });
		const written = requestsTo(sim!, '/api/v1/users.setStatus');
		if (timed) {
			expect(result.status).toBe('success');
			expect(sim!.state.userByUsername('plain.user')?.statusExpiresAt?.toISOString()).toBe(expiresAt);
			expect(written).toHaveLength(1);
		} else {
			expect(result.status).toBe('error');
			expect((result.error as Error).message).toContain('needs Rocket.Chat 8.6 or later; this server is 7.10');
			expect(written).toHaveLength(0);
		}
	});
});
