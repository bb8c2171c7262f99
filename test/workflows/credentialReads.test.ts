/**
 * The credential is read once per execution of the node and handed to n8n's httpRequestWithAuthentication with
 * every request: without it n8n reads it again per request (in n8n's app a database query and a decryption).
 */
import { builtNodeTypes, CREDENTIAL, credentialFor } from './helpers';

import type { INodeExecutionData } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { EngineCredentialsHelper, runWorkflow, type EngineWorkflow } from '../support/engine';

let sim: Simulator | undefined;
afterEach(async () => {
	jest.restoreAllMocks();
	await sim?.close();
	sim = undefined;
});

function setActiveStatus(credentials: Record<string, unknown>): EngineWorkflow {
	return {
		nodes: [
			{
				id: 'c1',
				name: 'Deactivate',
				type: 'n8n-nodes-rocketchat.rocketChat',
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'user', operation: 'setActiveStatus', user: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, activeStatus: false, confirmRelinquish: true },
				credentials,
			},
		],
		connections: {},
	} as unknown as EngineWorkflow;
}

async function reads(credentials: Record<string, unknown>): Promise<number> {
	sim = await startSimulator({ users: 10, seed: 31 });
	const users = sim.state.users.filter((user) => user._id !== sim!.admin.userId).slice(0, 3);
	const spy = jest.spyOn(EngineCredentialsHelper.prototype, 'getDecrypted');
	const result = await runWorkflow(builtNodeTypes(), {
		workflow: setActiveStatus(credentials),
		credentials: { [CREDENTIAL]: credentialFor(sim) },
		startNode: 'Deactivate',
		inputItems: users.map((user) => ({ json: { id: user._id } }) as INodeExecutionData),
	});
	expect([result.status, result.output('Deactivate')[0].length]).toEqual(['success', 3]);
	expect(users.map((user) => sim!.state.userById(user._id)?.active)).toEqual([false, false, false]);
	return spy.mock.calls.length;
}

test('three items, three requests: the credential is read once', async () => {
	expect(await reads({ [CREDENTIAL]: { id: '1', name: 'Rocket.Chat account' } })).toBe(1);
});

test('a credential reference without an id (older workflow files): n8n reads it per request, as before', async () => {
	expect(await reads({ [CREDENTIAL]: { id: null, name: 'Rocket.Chat account' } })).toBe(4);
});
