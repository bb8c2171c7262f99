// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import {
	binaryStoragePath,
	createNodeTypes,
	loadPackageNodeTypes,
	runWorkflow,
	testCredential,
	testCredentialWith,
	type EngineWorkflow,
} from './engine';

import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Loopback server standing in for a remote API
// ---------------------------------------------------------------------------------------------

interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let baseUrl: string;
const seen: SeenRequest[] = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/api/v1/me') {
			if (req.headers['x-auth-token'] === 'good-token' || req.headers['x-fixture-token'] === 'good-token') {
				return send(200, { _id: 'u1', username: 'admin', success: true });
			}
			if (req.headers['x-fixture-token'] === 'readonly-token') return send(403, { success: false });
			return send(401, { success: false, error: 'You must be logged in to do this.' });
		}
		const item = /^\/items\/(\w+)$/.exec(url.pathname);
		if (item) return send(200, { id: item[1], auth: req.headers.authorization ?? null });
		if (url.pathname.startsWith('/fail')) return send(500, { success: false, error: 'boom' });
		return send(404, { success: false, error: 'not found' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen.length = 0;
});

// ---------------------------------------------------------------------------------------------
// Throwaway credential + node types (NOT under nodes/)
// ---------------------------------------------------------------------------------------------

class TestHeaderApi implements ICredentialType {
	name = 'testHeaderApi';

	displayName = 'Test Header API';

	properties: INodeProperties[] = [
		{ displayName: 'Server URL', name: 'serverUrl', type: 'string', default: '' },
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-Auth-Token': '={{$credentials.token}}', 'X-User-Id': '={{$credentials.userId}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.serverUrl}}', url: '/api/v1/me' },
	};
}

class TestFnApi implements ICredentialType {
	name = 'testFnApi';

	displayName = 'Test Function-auth API';

	properties: INodeProperties[] = [
		{ displayName: 'Token', name: 'token', type: 'string', default: '' },
		// Not passed by the tests: n8n applies property defaults before authenticate() sees the data.
		{ displayName: 'Scheme', name: 'scheme', type: 'string', default: 'Bearer' },
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `${credentials.scheme} ${credentials.token}` },
		};
	}
}

/** One authenticated GET per item; error handling follows n8n's continueOnFail convention. */
class LoopbackGet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Loopback Get',
		name: 'loopbackGet',
		group: ['transform'],
		version: 1,
		description: 'GET <serverUrl><path> per item',
		defaults: { name: 'Loopback Get' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'testHeaderApi', required: true, displayOptions: { show: { auth: ['header'] } } },
			{ name: 'testFnApi', required: true, displayOptions: { show: { auth: ['fn'] } } },
		],
		properties: [
			{
				displayName: 'Auth',
				name: 'auth',
				type: 'options',
				options: [
					{ name: 'Header', value: 'header' },
					{ name: 'Function', value: 'fn' },
				],
				default: 'header',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/api/v1/me' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const auth = this.getNodeParameter('auth', i) as string;
				const credentialType = auth === 'fn' ? 'testFnApi' : 'testHeaderApi';
				const server = auth === 'fn' ? baseUrl : ((await this.getCredentials(credentialType)).serverUrl as string);
				const body = await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'GET',
					url: `${server}${this.getNodeParameter('path', i) as string}`,
					json: true,
				});
				out.push({ json: body, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [out];
	}
}

class BinaryWrite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Write',
		name: 'binaryWrite',
		group: ['transform'],
		version: 1,
		description: 'Attach a text file to every item',
		defaults: { name: 'Binary Write' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Text', name: 'text', type: 'string', default: '', required: true }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const text = this.getNodeParameter('text', i) as string;
			const data = await this.helpers.prepareBinaryData(Buffer.from(text, 'utf8'), `file-${i}.txt`, 'text/plain');
			out.push({ json: { ...items[i].json }, binary: { data }, pairedItem: { item: i } });
		}
		return [out];
	}
}

class BinaryRead implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Read',
		name: 'binaryRead',
		group: ['transform'],
		version: 1,
		description: 'Read the attached file back',
		defaults: { name: 'Binary Read' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const meta = this.helpers.assertBinaryData(i, 'data');
			const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
			out.push({
				json: { text: buffer.toString('utf8'), bytes: buffer.length, fileName: meta.fileName, id: meta.id ?? null },
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}

/** Poll trigger with a cursor in node static data (like a "new messages" trigger). */
class CounterPoll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Counter Poll',
		name: 'counterPoll',
		group: ['trigger'],
		version: 1,
		description: 'Emits the next number on every poll; nothing after `stopAt`',
		polling: true,
		defaults: { name: 'Counter Poll' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Stop At', name: 'stopAt', type: 'number', default: 2 },
			{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('fail') as boolean) throw new NodeOperationError(this.getNode(), 'poll failed');
		const state = this.getWorkflowStaticData('node');
		const next = ((state.last as number | undefined) ?? 0) + 1;
		if (this.getMode() !== 'manual') {
			if (next > (this.getNodeParameter('stopAt') as number)) return null;
			state.last = next;
		}
		return [[{ json: { n: next, activation: this.getActivationMode() } }]];
	}
}

const types = createNodeTypes({
	nodes: {
		'n8n-nodes-test.counterPoll': CounterPoll,
		'n8n-nodes-test.loopbackGet': LoopbackGet,
		'n8n-nodes-test.binaryWrite': BinaryWrite,
		'n8n-nodes-test.binaryRead': BinaryRead,
	},
	credentials: [TestHeaderApi, TestFnApi],
});

// ---------------------------------------------------------------------------------------------
// Helpers to build workflows
// ---------------------------------------------------------------------------------------------

let nodeCounter = 0;
function node(name: string, type: string, parameters: INode['parameters'] = {}, extra: Partial<INode> = {}): INode {
	return {
		id: `node-${++nodeCounter}`,
		name,
		type,
		typeVersion: 1,
		position: [nodeCounter * 200, 0],
		parameters,
		...extra,
	};
}

function chain(...names: string[]): EngineWorkflow['connections'] {
	const connections: EngineWorkflow['connections'] = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	return connections;
}

const headerCredentials = {
	testHeaderApi: {
		serverUrl: '', // set per test (server port is dynamic)
		userId: '={{ "user-" + (40 + 2) }}', // credential expressions are resolved like in n8n
		token: 'good-token',
	},
};

function creds(overrides: Record<string, unknown> = {}) {
	return { testHeaderApi: { ...headerCredentials.testHeaderApi, serverUrl: baseUrl, ...overrides } };
}

const getNode = (parameters: INode['parameters'] = {}, extra: Partial<INode> = {}) =>
	node('Get', 'n8n-nodes-test.loopbackGet', parameters, {
		credentials: { testHeaderApi: { id: '1', name: 'Test Header account' } },
		...extra,
	});

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('engine: credentials and HTTP', () => {
	it('applies generic header authenticate (with resolved expressions) and keeps pairedItem', async () => {
		const result = await runWorkflow(types, {
			workflow: { nodes: [getNode()], connections: {} },
			credentials: creds(),
			inputItems: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		for (const req of seen) {
			expect(req.headers['x-auth-token']).toBe('good-token');
			expect(req.headers['x-user-id']).toBe('user-42');
		}
		const items = result.output('Get')[0];
		expect(items.map((i) => i.json)).toEqual([
			{ _id: 'u1', username: 'admin', success: true },
			{ _id: 'u1', username: 'admin', success: true },
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('applies function-form authenticate, after credential property defaults', async () => {
		const result = await runWorkflow(types, {
			workflow: {
				nodes: [
					node('Get', 'n8n-nodes-test.loopbackGet', { auth: 'fn', path: '/items/7' }, {
						credentials: { testFnApi: { id: '2', name: 'Fn account' } },
					}),
				],
				connections: {},
			},
			credentials: { testFnApi: { token: 'secret' } },
		});

		expect(result.status).toBe('success');
		expect(result.json('Get')).toEqual([{ id: '7', auth: 'Bearer secret' }]);
	});

	it('fails clearly when the node has no credentials assigned (as n8n does)', async () => {
		const result = await runWorkflow(types, {
			workflow: { nodes: [node('Get', 'n8n-nodes-test.loopbackGet')], connections: {} },
			credentials: creds(),
		});
		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as Error).message).toMatch(/credentials/i);
		expect(seen).toHaveLength(0);
	});

	it('fails clearly when no credential data was supplied', async () => {
		const result = await runWorkflow(types, { workflow: { nodes: [getNode()], connections: {} } });
		expect(result.status).toBe('error');
		expect((result.error as Error).message).toMatch(/No credentials of type "testHeaderApi"/);
	});
});

describe('engine: node errors and onError', () => {
	it('stops with status error and the original NodeApiError', async () => {
		const result = await runWorkflow(types, {
			workflow: { nodes: [getNode({ path: '/fail' }), node('After', 'n8n-nodes-base.noOp')], connections: chain('Get', 'After') },
			credentials: creds(),
		});

		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('500');
		expect(result.nodeErrors.Get).toBe(result.error);
		expect(result.ran('After')).toBe(false);
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Get');
	});

	it("onError 'continueRegularOutput' emits the error as an item and goes on", async () => {
		const result = await runWorkflow(types, {
			workflow: {
				nodes: [getNode({ path: '/fail' }, { onError: 'continueRegularOutput' }), node('After', 'n8n-nodes-base.noOp')],
				connections: chain('Get', 'After'),
			},
			credentials: creds(),
			inputItems: [{ json: { n: 1 } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		const [item] = result.output('After')[0];
		expect(item.json.error).toBe('The service was not able to process your request'); // NodeApiError text for 5xx
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it("onError 'continueErrorOutput' routes failing items to the error output", async () => {
		const result = await runWorkflow(types, {
			workflow: {
				nodes: [
					node('Start', 'n8n-nodes-base.noOp'),
					getNode({ path: '={{ $json.fail ? "/fail" : "/items/" + $json.n }}' }, { onError: 'continueErrorOutput' }),
					node('Ok', 'n8n-nodes-base.noOp'),
					node('Failed', 'n8n-nodes-base.noOp'),
				],
				connections: {
					...chain('Start', 'Get'),
					Get: {
						main: [
							[{ node: 'Ok', type: NodeConnectionTypes.Main, index: 0 }],
							[{ node: 'Failed', type: NodeConnectionTypes.Main, index: 0 }],
						],
					},
				},
			},
			credentials: creds(),
			inputItems: [{ json: { n: 1 } }, { json: { n: 2, fail: true } }, { json: { n: 3 } }],
		});

		expect(result.status).toBe('success');
		expect(result.json('Ok')).toEqual([
			{ id: '1', auth: null },
			{ id: '3', auth: null },
		]);
		expect(result.output('Get')[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		const failed = result.output('Failed')[0];
		expect(failed).toHaveLength(1);
		// n8n merges the paired input item into the error item.
		expect(failed[0].json).toEqual({ n: 2, fail: true, error: 'The service was not able to process your request' });
		// Error output (index 1) of Get points back to the failing input item.
		expect(result.output('Get')[1].map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
	});
});

describe('engine: core node stand-ins', () => {
	const fixture = path.join(__dirname, 'fixtures', 'trigger-set-filter.workflow.json');

	it('runs trigger → set → split out → filter → if from an exported workflow file', async () => {
		const result = await runWorkflow(types, { workflow: fixture });

		expect(result.status).toBe('success');
		expect(result.json('When clicking ‘Execute workflow’')).toEqual([{}]);
		expect(result.json('Edit Fields')[0]).toEqual({
			users: [
				{ name: 'ann', age: 25, joined: '2020-01-05' },
				{ name: 'bob', age: 41, joined: '2023-06-01' },
				{ name: 'cyd', age: 37, joined: '2019-03-02' },
			],
			meta: { source: 'fixture' },
		});
		expect(result.json('Split Out').map((u) => u.name)).toEqual(['ann', 'bob', 'cyd']);
		expect(result.json('Filter').map((u) => u.name)).toEqual(['bob', 'cyd']);
		expect(result.output('If')[1].map((i) => i.json.name)).toEqual(['cyd']);
		// n8n's test convention: pinData holds the expected output and is NOT pinned.
		for (const [name, expected] of Object.entries(result.expectedPinData ?? {})) {
			expect(result.json(name)).toEqual(expected.map((i) => i.json));
		}
		expect(result.output('Split Out')[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it("pinDataMode 'pin' uses pinned output instead of executing the node", async () => {
		const wf = JSON.parse(fs.readFileSync(fixture, 'utf8')) as EngineWorkflow;
		wf.pinData = { Filter: [{ json: { name: 'pinned', age: 99, joined: '2024-01-01' } }] };
		const result = await runWorkflow(types, { workflow: wf, pinDataMode: 'pin' });
		expect(result.status).toBe('success');
		expect(result.json('Recent')).toEqual([{ name: 'pinned', age: 99, joined: '2024-01-01' }]);
	});

	it('schedule trigger emits one item; set keeps other fields; filter rejects on strict types', async () => {
		const conditions = (leftValue: string, rightValue: string | number, type: string, operation: string) => ({
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: 'c1', leftValue, rightValue, operator: { type, operation } }],
			combinator: 'and',
		});
		const result = await runWorkflow(types, {
			workflow: {
				nodes: [
					node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'minutes', minutesInterval: 5 }] } }, { typeVersion: 1.2 }),
					node('Set', 'n8n-nodes-base.set', {
						assignments: {
							assignments: [
								{ id: 'a1', name: 'count', value: '={{ 2 + 3 }}', type: 'number' },
								{ id: 'a2', name: 'flag', value: 'true', type: 'boolean' },
							],
						},
						includeOtherFields: true,
						options: {},
					}, { typeVersion: 3.4 }),
					node('Filter', 'n8n-nodes-base.filter', { conditions: conditions('={{ $json.count }}', 4, 'number', 'gte'), options: {} }, { typeVersion: 2.2 }),
					node('Bad Filter', 'n8n-nodes-base.filter', { conditions: conditions('={{ $json.Year }}', 2000, 'number', 'gt'), options: {} }, { typeVersion: 2.2 }),
				],
				connections: chain('Schedule Trigger', 'Set', 'Filter', 'Bad Filter'),
			},
		});

		const [tick] = result.json('Schedule Trigger');
		expect(Object.keys(tick)).toEqual(
			expect.arrayContaining(['timestamp', 'Readable date', 'Day of week', 'Year', 'Timezone']),
		);
		expect(result.json('Set')[0]).toMatchObject({ count: 5, flag: true, Year: tick.Year });
		expect(result.json('Filter')).toHaveLength(1);
		// 'Year' is a string: strict type validation fails exactly like the real Filter node.
		expect(result.status).toBe('error');
		expect((result.error as Error).message).toMatch(/Wrong type/);
	});

	it("mode 'trigger': the trigger's emitted items (or inputItems) start the run", async () => {
		const workflow: EngineWorkflow = {
			nodes: [
				node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', {}, { typeVersion: 1.2 }),
				node('Split', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'tags', include: 'allOtherFields', options: {} }),
			],
			connections: chain('Schedule Trigger', 'Split'),
		};
		const emitted = await runWorkflow(types, { workflow, mode: 'trigger', inputItems: [{ json: { id: 1, tags: ['a', 'b'] } }] });
		expect(emitted.status).toBe('success');
		expect(emitted.json('Split')).toEqual([
			{ id: 1, tags: 'a' },
			{ id: 1, tags: 'b' },
		]);
		const own = await runWorkflow(types, { workflow, mode: 'trigger' });
		expect(Object.keys(own.json('Schedule Trigger')[0])).toContain('timestamp');
	});

	it("mode 'trigger' with a poll start node: polls, and static data carries the cursor between runs", async () => {
		const workflow: EngineWorkflow = {
			nodes: [node('Poll', 'n8n-nodes-test.counterPoll'), node('Next', 'n8n-nodes-base.noOp')],
			connections: chain('Poll', 'Next'),
		};
		const first = await runWorkflow(types, { workflow, mode: 'trigger' });
		expect(first.json('Next')).toEqual([{ n: 1, activation: 'activate' }]);
		expect(first.staticData).toEqual({ 'node:Poll': { last: 1 } });

		const second = await runWorkflow(types, { workflow: { ...workflow, staticData: first.staticData }, mode: 'trigger' });
		expect(second.json('Next')).toEqual([{ n: 2, activation: 'activate' }]);

		const third = await runWorkflow(types, { workflow: { ...workflow, staticData: second.staticData }, mode: 'trigger' });
		expect(third.json('Poll')).toEqual([]); // poll returned null: nothing new
		expect(third.ran('Next')).toBe(false);

		const manual = await runWorkflow(types, { workflow }); // manual mode: the engine calls poll() itself
		expect(manual.json('Next')).toEqual([{ n: 1, activation: 'manual' }]);

		workflow.nodes[0].parameters = { fail: true };
		for (const mode of ['trigger', 'manual'] as const) {
			const failed = await runWorkflow(types, { workflow, mode });
			expect(failed.status).toBe('error');
			expect(failed.error).toBeInstanceOf(NodeOperationError);
			expect(failed.nodeErrors.Poll).toBe(failed.error);
		}
	});

	it('reports workflow issues (e.g. a required parameter missing) as a failed run', async () => {
		const result = await runWorkflow(types, {
			workflow: {
				nodes: [node('Trigger', 'n8n-nodes-base.manualTrigger'), node('Write', 'n8n-nodes-test.binaryWrite')],
				connections: chain('Trigger', 'Write'),
			},
		});
		expect(result.status).toBe('error');
		expect((result.error as Error).constructor.name).toBe('WorkflowHasIssuesError');
		expect((result.error as Error).message).toMatch(/Parameter "Text" is required/);
		expect(result.ran('Write')).toBe(false);
	});

	it('rejects unknown node types up front', async () => {
		await expect(
			runWorkflow(types, { workflow: { nodes: [node('Code', 'n8n-nodes-base.code')], connections: {} } }),
		).rejects.toThrow(/Unknown node type.*n8n-nodes-base\.code/);
	});
});

describe('engine: binary data', () => {
	const binaryWorkflow = (): EngineWorkflow => ({
		nodes: [
			node('Write', 'n8n-nodes-test.binaryWrite', { text: '={{ "hello " + $json.who }}' }),
			node('Keep', 'n8n-nodes-base.set', { assignments: { assignments: [] }, includeOtherFields: true, options: {} }, { typeVersion: 3.4 }),
			node('Read', 'n8n-nodes-test.binaryRead'),
		],
		connections: chain('Write', 'Keep', 'Read'),
	});

	it('default mode keeps binary in the item and reads it back', async () => {
		const result = await runWorkflow(types, { workflow: binaryWorkflow(), inputItems: [{ json: { who: 'memory' } }] });
		expect(result.status).toBe('success');
		const written = result.output('Write')[0][0].binary?.data;
		expect(written?.id).toBeUndefined();
		expect(Buffer.from(written?.data ?? '', 'base64').toString()).toBe('hello memory');
		expect(result.json('Read')).toEqual([{ text: 'hello memory', bytes: 12, fileName: 'file-0.txt', id: null }]);
	});

	it('filesystem mode writes binary to disk and reads it back in a later node', async () => {
		const result = await runWorkflow(types, {
			workflow: binaryWorkflow(),
			inputItems: [{ json: { who: 'disk' } }, { json: { who: 'disk, again' } }],
			binaryMode: 'filesystem',
		});
		expect(result.status).toBe('success');
		const written = result.output('Write')[0].map((i) => i.binary?.data);
		for (const b of written) {
			expect(b?.data).toBe('filesystem-v2');
			expect(b?.id).toMatch(/^filesystem-v2:workflows\/.+\/executions\/.+\/binary_data\//);
			const file = path.join(binaryStoragePath(), (b?.id as string).replace(/^filesystem-v2:/, ''));
			expect(fs.existsSync(file)).toBe(true);
		}
		expect(result.json('Read').map((j) => j.text)).toEqual(['hello disk', 'hello disk, again']);
	});
});

describe('engine: credential test (n8n "Test" button)', () => {
	it('OK with a valid token: baseURL expression resolved, authenticate applied', async () => {
		const result = await testCredentialWith(types, 'testHeaderApi', { serverUrl: baseUrl, userId: 'u1', token: 'good-token' });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen[0].url).toBe('/api/v1/me');
		expect(seen[0].headers['x-auth-token']).toBe('good-token');
	});

	it('Error with the HTTP status text for a rejected token', async () => {
		const result = await testCredentialWith(types, 'testHeaderApi', { serverUrl: baseUrl, userId: 'u1', token: 'bad' });
		expect(result).toEqual({ status: 'Error', message: 'Unauthorized' });
	});

	it('Error with the connection error code when the server is down', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const result = await testCredentialWith(types, 'testHeaderApi', { serverUrl: `http://127.0.0.1:${port}`, token: 'x' });
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('reports credentials without a test like n8n does', async () => {
		expect(await testCredentialWith(types, 'testFnApi', { token: 'x' })).toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});

describe('engine: package loading (fixture package with a package.json "n8n" section)', () => {
	const pkgRoot = path.join(__dirname, 'fixtures', 'package');

	it('loads node + credential classes and runs them under "<package>.<node>"', async () => {
		const pkgTypes = loadPackageNodeTypes(pkgRoot);
		expect(pkgTypes.nodeTypeNames()).toContain('n8n-nodes-engine-fixture.engineFixture');
		const result = await runWorkflow(pkgTypes, {
			workflow: {
				nodes: [
					node('Trigger', 'n8n-nodes-base.manualTrigger'),
					node('Fixture', 'n8n-nodes-engine-fixture.engineFixture', {}, {
						credentials: { engineFixtureApi: { id: '9', name: 'Fixture account' } },
					}),
				],
				connections: chain('Trigger', 'Fixture'),
			},
			credentials: { engineFixtureApi: { serverUrl: `${baseUrl}/`, token: 'good-token' } },
		});
		expect(result.status).toBe('success');
		expect(result.json('Fixture')).toEqual([{ _id: 'u1', username: 'admin', success: true }]);
		expect(seen[0].headers['x-fixture-token']).toBe('good-token');
	});

	it('testCredential() uses the package credential, its expressions and its rules', async () => {
		expect(await testCredential(pkgRoot, 'engineFixtureApi', { serverUrl: `${baseUrl}/`, token: 'good-token' })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(await testCredential(pkgRoot, 'engineFixtureApi', { serverUrl: baseUrl, token: 'readonly-token' })).toEqual({
			status: 'Error',
			message: 'Token lacks permission',
		});
	});
});

describe('engine: hygiene', () => {
	it('prints nothing to the console during a run', async () => {
		const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m));
		const stdout = jest.spyOn(process.stdout, 'write');
		try {
			const result = await runWorkflow(types, {
				workflow: { nodes: [getNode({ path: '/fail' })], connections: {} },
				credentials: creds(),
			});
			expect(result.status).toBe('error');
			for (const spy of spies) expect(spy).not.toHaveBeenCalled();
			expect(stdout).not.toHaveBeenCalled();
		} finally {
			for (const spy of spies) spy.mockRestore();
			stdout.mockRestore();
		}
	});
});
