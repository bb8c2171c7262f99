// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import { NodeHelpers, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { RocketChat } from '../../nodes/RocketChat/RocketChat.node';
import { NODE_TYPE } from '../support/nodeRun';
import { FakeServer } from '../support/fakeServer';

/**
 * The optional user read in the node as n8n runs it: the router hands Parameters the node's stored parameters,
 * so an expression that resolves to nothing is told from a field left empty (see optionalUser.test.ts).
 */
const server = new FakeServer();
const credential = () => ({ serverUrl: server.url, userId: 'admin-id', authToken: 'tok', twoFactorMethod: 'none' });

const setStatus = (value: string, mode = 'id'): IDataObject => ({
	resource: 'user',
	operation: 'setStatus',
	user: { __rl: true, mode, value },
	updateFields: { status: 'away' },
});

beforeAll(async () => {
	await server.start();
});
afterAll(async () => {
	await server.stop();
});
beforeEach(() => {
	server.reset();
	server.on('POST /api/v1/users.setStatus', () => ({ json: { success: true } }));
});

describe('Set Status in n8n-core: optional user', () => {
	test('a field left empty (as the node starts: From List) sets the status of the credential user', async () => {
		const result = await runRocketChat({ parameters: setStatus('', 'list'), credential: credential(), inputItems: [{ json: {} }] });
		expect(result.status).toBe('success');
		expect(server.requests).toHaveLength(1);
		expect(JSON.parse(server.requests[0].body.toString())).toEqual({ status: 'away' });
	});

	test('a field left empty in By ID mode also means the credential user', async () => {
		const result = await runRocketChat({ parameters: setStatus('', 'id'), credential: credential(), inputItems: [{ json: {} }] });
		expect(result.status).toBe('success');
		expect(JSON.parse(server.requests[0].body.toString())).toEqual({ status: 'away' });
	});

	test('an expression that resolves to nothing fails that item; the item with an ID is sent', async () => {
		const result = await runRocketChat({
			parameters: setStatus('={{ $json.id }}'),
			credential: credential(),
			inputItems: [{ json: { id: 'BsNr28znDkG8aeo7W' } }, { json: {} }, { json: { id: '' } }],
			onError: 'continueRegularOutput',
		});
		const [items] = result.output('Rocket.Chat');
		expect(items.map((item) => item.json)).toEqual([
			{ success: true },
			{ error: 'User (item 1): the expression resolved to an empty value' },
			{ error: 'User (item 2): the expression resolved to an empty value' },
		]);
		expect(server.requests).toHaveLength(1);
		expect(JSON.parse(server.requests[0].body.toString())).toEqual({ status: 'away', userId: 'BsNr28znDkG8aeo7W' });
	});

	test('without Continue On Fail the run stops with the error', async () => {
		const result = await runRocketChat({
			parameters: setStatus('={{ $json.id }}'),
			credential: credential(),
			inputItems: [{ json: {} }],
		});
		expect(result.status).toBe('error');
		expect(String((result.error as Error).message)).toBe('User (item 0): the expression resolved to an empty value');
		expect(server.requests).toHaveLength(0);
	});
});

describe("n8n's parameter check (the editor's issues, checked before a run in the app)", () => {
	const description = new RocketChat().description;
	const issuesOf = (parameters: IDataObject) => {
		const node: INode = { id: '1', name: 'Rocket.Chat', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: parameters as INodeParameters };
		const withDefaults = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
		return NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: withDefaults ?? {} }, description);
	};

	test('an optional user left empty in By ID mode raises no issue', () => {
		expect(issuesOf(setStatus('', 'id'))).toBeNull();
	});

	test('a malformed ID is still an issue, and so is a required user left empty', () => {
		expect(JSON.stringify(issuesOf(setStatus('not an id!', 'id')))).toContain('Not a valid Rocket.Chat user ID');
		expect(issuesOf({ resource: 'user', operation: 'get', user: { __rl: true, mode: 'id', value: '' } })).not.toBeNull();
	});
});

describe("Set Status in n8n-core: a date picked without an offset is meant in the workflow's time zone", () => {
	test('Expires At 2030-07-01T17:00:00 in a Europe/Berlin workflow is sent as 15:00 UTC', async () => {
		server.on('GET /api/info', () => ({ json: { version: '8.8', success: true } }));
		const result = await runRocketChat({
			parameters: { ...setStatus('', 'list'), updateFields: { status: 'away', expiresAt: '2030-07-01T17:00:00' } },
			credential: credential(),
			inputItems: [{ json: {} }],
			timezone: 'Europe/Berlin',
		});
		expect(result.status).toBe('success');
		// With an expiry the node asks the server's version first (expiresAt needs 8.6).
		expect(server.requests.map((request) => request.path)).toEqual(['/api/info', '/api/v1/users.setStatus']);
		expect(JSON.parse(server.requests[1].body.toString())).toMatchObject({ status: 'away', expiresAt: '2030-07-01T15:00:00.000Z' });
	});
});
