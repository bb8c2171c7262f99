/**
 * The MCP checks of the e2e run: examples/ai-agent-mcp.json imported and activated in the real n8n app, its MCP
 * Server Trigger reached with the MCP SDK's own client (no model), the tool list checked as a client sees it, and
 * tools called with the answers checked against the simulator's state and request log. Then the descriptions: the
 * same tools built by n8n's own createNodeAsTool (the AI Agent's path), and a Tool Description edited in a tool node.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { importAndActivate, waitUntilServed } from './harness.mjs';
import { ROOT } from './n8n-app.mjs';

export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';
export const MCP_EXAMPLE = 'ai-agent-mcp.json';

/** `n8n execute` cannot run a workflow that only serves tools: such examples are checked here instead. */
export function servesMcp(wf) {
	return (wf.nodes ?? []).some((node) => node.type === MCP_TRIGGER_TYPE);
}

/**
 * Each tool: its operation, whether calling it changes anything, and the arguments it takes (name → JSON type,
 * required?). Its description must be the operation's Tool Description (the package's text, from dist/), which
 * starts with what a call does: "Read only: " for reads, "Changes data: " or "Sends e-mail: " otherwise.
 */
const EXPECTED_TOOLS = {
	get_user: { resource: 'user', operation: 'get', reads: true, args: { findBy: ['string', true], value: ['string', true] } },
	list_users: { resource: 'user', operation: 'getAll', reads: true, args: { limit: ['number', false] } },
	preview_idle_users: { resource: 'user', operation: 'previewIdleUsers', reads: true, args: { daysIdle: ['number', false], role: ['string', false] } },
	set_status: { resource: 'user', operation: 'setStatus', reads: false, args: { username: ['string', true], status: ['string', true], message: ['string', false] } },
	get_own_sessions: { resource: 'deviceManagement', operation: 'getManyOwn', reads: true, args: { limit: ['number', false] } },
};

/** The operation's Tool Description as the built package defines it. */
function packageToolDescription({ resource, operation }) {
	const load = createRequire(import.meta.url);
	const operations = resource === 'user' ? load(path.join(ROOT, 'dist/nodes/RocketChat/actions/user/index.js')).userOperations : load(path.join(ROOT, 'dist/nodes/RocketChat/actions/deviceManagement/index.js')).deviceManagementOperations;
	return operations[operation].toolDescription;
}

/** A description says first what a call does; a read never claims to change data, an action never to only read. */
function checkEffect(name, description) {
	const { reads } = EXPECTED_TOOLS[name];
	const effect = ['Read only: ', 'Changes data: ', 'Sends e-mail: '].find((prefix) => description.startsWith(prefix));
	assert(effect, `${name}: description does not start with Read only / Changes data / Sends e-mail: "${description}"`);
	assert((effect === 'Read only: ') === reads, `${name} ${reads ? 'only reads' : 'changes data'} but is described as "${description}"`);
}

function assert(condition, message) {
	if (!condition) throw new Error(message);
}

/** A tool's answer as text; a refused call (isError, or a JSON-RPC error) is returned as `{ error }`. */
async function call(client, name, args) {
	try {
		const result = await client.callTool({ name, arguments: args });
		const text = (result.content ?? []).map((part) => part.text ?? '').join('\n');
		return result.isError ? { error: text } : { text };
	} catch (error) {
		return { error: error.message };
	}
}

/**
 * Runs, in the app's own Node, what n8n's AI Agent does with each connected tool node (getInputConnectionData →
 * createNodeAsTool from the app's n8n-core): the node's parameters resolved as the Workflow resolves them, then
 * the LangChain tool built from them. Answers { [node name]: { name, description } }.
 */
const AGENT_TOOLS_SCRIPT = `
const { createRequire } = require('node:module');
const path = require('node:path');
const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const corePackage = createRequire(path.join(input.appDir, 'node_modules', 'n8n', 'package.json')).resolve('n8n-core/package.json');
const fromCore = createRequire(corePackage);
const { Workflow } = fromCore('n8n-workflow');
const { createNodeAsTool } = fromCore('./dist/execution-engine/node-execution-context/utils/create-node-as-tool.js');
const nodeType = { description: input.toolType };
const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
const workflow = new Workflow({ id: 'agent-check', name: 'agent check', nodes: input.nodes, connections: {}, active: false, nodeTypes, staticData: {}, settings: {} });
const tools = {};
for (const { name } of input.nodes) {
	const { response } = createNodeAsTool({ node: workflow.getNode(name), nodeType, handleToolInvocation: async () => '' });
	tools[name] = { name: response.name, description: response.description };
}
process.stdout.write(JSON.stringify({ core: require(corePackage).version, tools }));
`;

async function buildAgentTools(app, toolType, nodes) {
	return await new Promise((resolve, reject) => {
		const child = spawn(app.node, ['-e', AGENT_TOOLS_SCRIPT], { cwd: app.dir, stdio: ['pipe', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (data) => (out += data));
		child.stderr.on('data', (data) => (err += data));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`createNodeAsTool script exited ${code}: ${err.slice(-1500)}`))));
		child.stdin.end(JSON.stringify({ appDir: app.dir, toolType, nodes }));
	});
}

/** The AI Agent's view of the MCP example's tool nodes: the same names and descriptions as the MCP client's. */
async function agentToolsCheck({ app, rest, workflowId, listed, step }) {
	await step("AI Agent: n8n's createNodeAsTool builds each Rocket.Chat tool with the description the MCP client sees", async () => {
		const types = await rest.request('GET', '/types/nodes.json');
		const toolType = types.find((type) => type.name === 'n8n-nodes-rocketchat.rocketChatTool');
		assert(toolType, 'n8n-nodes-rocketchat.rocketChatTool missing from /types/nodes.json');
		assert(!toolType.properties.some((property) => property.name === 'descriptionType'), "n8n added its own Set Automatically switch: the node's Tool Description fields were not seen");
		const workflow = await rest.request('GET', `/rest/workflows/${workflowId}`);
		const nodes = workflow.nodes.filter((node) => node.type === toolType.name);
		const { core, tools } = await buildAgentTools(app, toolType, nodes);
		for (const tool of listed) {
			const built = Object.values(tools).find((entry) => entry.name === tool.name);
			assert(built, `no agent tool named ${tool.name}: ${Object.values(tools).map((entry) => entry.name).join(', ')}`);
			assert(built.description === tool.description, `${tool.name}: the agent's tool says "${built.description}", the MCP client sees "${tool.description}"`);
		}
		return `n8n-core ${core}: ${Object.keys(tools).length} tools, descriptions identical to tools/list`;
	});
}

/** What the edit check writes into set_status's Tool Description (plain text, as a user would type it). */
const EDITED_DESCRIPTION = 'Changes data: set the presence status and message of one Rocket.Chat user (wording edited in the e2e run).';

/** A user's own text in a tool node's Tool Description is what the MCP client is told after the workflow is saved. */
async function editedDescriptionCheck({ rest, workflowId, connect, step }) {
	let listed;
	const passed = await step("MCP: a Tool Description edited in the tool node is what the client sees (set_status)", async () => {
		const workflow = await rest.request('GET', `/rest/workflows/${workflowId}`);
		const node = workflow.nodes.find((entry) => entry.name === 'set_status');
		node.parameters = { ...node.parameters, toolDescription: EDITED_DESCRIPTION };
		const { name, nodes, connections, settings, versionId } = workflow;
		const updated = await rest.request('PATCH', `/rest/workflows/${workflowId}`, { name, nodes, connections, settings, versionId });
		// n8n 2.x publishes a saved version only on activation; 1.x re-activates an active workflow when it is saved.
		await rest.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId: updated.versionId }).catch(() => undefined);
		const started = Date.now();
		for (;;) {
			const client = await connect();
			try {
				({ tools: listed } = await client.listTools());
			} finally {
				await client.close().catch(() => {});
			}
			const tool = listed.find((entry) => entry.name === 'set_status');
			if (tool?.description === EDITED_DESCRIPTION) break;
			if (Date.now() - started > 20_000) throw new Error(`set_status still described as "${tool?.description}" 20 s after the edit`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const others = listed.filter((tool) => tool.name !== 'set_status');
		for (const tool of others) assert(tool.description === packageToolDescription(EXPECTED_TOOLS[tool.name]), `${tool.name} changed too: "${tool.description}"`);
		return `set_status: "${EDITED_DESCRIPTION}" after ${Date.now() - started} ms; the other ${others.length} unchanged`;
	});
	return passed ? listed : undefined;
}

export async function mcpChecks({ url, rest, getSim, credential, step, examplesDir, onTools, app }) {
	const wf = JSON.parse(readFileSync(path.join(examplesDir, MCP_EXAMPLE), 'utf8'));
	const trigger = wf.nodes.find((node) => node.type === MCP_TRIGGER_TYPE);
	const endpoint = `${url}/mcp/${trigger.parameters.path}`;
	let client;

	let workflowId;
	const connect = async () => {
		const fresh = new Client({ name: 'n8n-nodes-rocketchat-e2e', version: '1.0.0' });
		await fresh.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
		return fresh;
	};
	const activated = await step(`MCP: import and activate ${MCP_EXAMPLE}, wait for ${new URL(endpoint).pathname}`, async () => {
		workflowId = await importAndActivate(rest, wf, credential);
		const waited = await waitUntilServed(endpoint, { method: 'GET', headers: { accept: 'text/event-stream' } });
		client = await connect();
		return `workflow ${workflowId} active; path answered after ${waited} ms; connected (Streamable HTTP)`;
	});
	if (!activated) return undefined;

	try {
		await step('MCP: tools/list shows each tool with a description that says whether it acts, and its arguments', async () => {
			const { tools } = await client.listTools();
			onTools?.(tools);
			assert(JSON.stringify(tools.map((tool) => tool.name).sort()) === JSON.stringify(Object.keys(EXPECTED_TOOLS).sort()), `tools: ${tools.map((tool) => tool.name).join(', ')}`);
			for (const tool of tools) {
				const want = EXPECTED_TOOLS[tool.name];
				checkEffect(tool.name, tool.description);
				assert(tool.description === packageToolDescription(want), `${tool.name}: description "${tool.description}", the operation's Tool Description is "${packageToolDescription(want)}"`);
				const properties = tool.inputSchema?.properties ?? {};
				const required = tool.inputSchema?.required ?? [];
				assert(JSON.stringify(Object.keys(properties).sort()) === JSON.stringify(Object.keys(want.args).sort()), `${tool.name}: arguments ${Object.keys(properties).join(', ')}`);
				for (const [name, [type, isRequired]] of Object.entries(want.args)) {
					assert(properties[name].type === type, `${tool.name}.${name}: type ${properties[name].type}, expected ${type}`);
					assert(required.includes(name) === isRequired, `${tool.name}.${name}: required ${required.includes(name)}, expected ${isRequired}`);
					assert(typeof properties[name].description === 'string' && properties[name].description.length > 10, `${tool.name}.${name}: no description`);
				}
			}
			return `${tools.length} tools, each described by its operation's Tool Description: ${tools.map((tool) => `${tool.name} "${tool.description.slice(0, 40)}…"`).join(', ')}`;
		});

		const sim = getSim();
		const someone = sim.state.users.find((user) => user.active && user.roles.includes('user') && user._id !== sim.admin.userId);
		const writesDuring = async (fn) => {
			sim.clearRequests();
			const answer = await fn();
			return { answer, writes: sim.requests.filter((request) => request.method !== 'GET') };
		};

		await step('MCP: get_user (a read) answers the user, compact', async () => {
			const { answer, writes } = await writesDuring(() => call(client, 'get_user', { findBy: 'username', value: someone.username }));
			assert(answer.text?.includes(`"username":"${someone.username}"`) || answer.text?.includes(someone.username), `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			assert(!answer.text.includes('"services"'), 'the answer carries the user\'s services');
			assert(writes.length === 0, `a read sent ${writes.map((request) => request.path).join(', ')}`);
			return `${answer.text.length} characters for ${someone.username}`;
		});

		await step('MCP: list_users with its default Limit 20 and Simplify stays small', async () => {
			const { answer } = await writesDuring(() => call(client, 'list_users', {}));
			assert(answer.text, `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			const count = (answer.text.match(/"username"/g) ?? []).length;
			assert(count === 20, `expected 20 users, got ${count}`);
			return `20 users in ${answer.text.length} characters`;
		});

		await step('MCP: preview_idle_users lists who would be deactivated and sends no write', async () => {
			const activeBefore = sim.state.users.filter((user) => user.active).length;
			const { answer, writes } = await writesDuring(() => call(client, 'preview_idle_users', { daysIdle: 90, role: 'user' }));
			assert(answer.text?.includes('idleReason'), `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			assert(writes.length === 0, `the preview sent ${writes.map((request) => `${request.method} ${request.path}`).join(', ')}`);
			assert(sim.state.users.filter((user) => user.active).length === activeBefore, 'a user was deactivated');
			const reads = [...new Set(sim.requests.map((request) => request.path))].join(', ');
			return `${(answer.text.match(/idleReason/g) ?? []).length} users would be deactivated; requests: ${reads} (GET only)`;
		});

		await step('MCP: set_status (a write) changes the user on the server', async () => {
			const { answer, writes } = await writesDuring(() => call(client, 'set_status', { username: someone.username, status: 'away', message: 'At lunch (set over MCP)' }));
			assert(answer.text !== undefined, `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			const user = sim.state.userById(someone._id);
			assert(user.status === 'away' && user.statusText === 'At lunch (set over MCP)', `status ${user.status} "${user.statusText}"`);
			assert(writes.map((request) => request.path).join() === '/api/v1/users.setStatus', `writes: ${writes.map((request) => request.path).join(', ')}`);
			return `${someone.username}: away, "At lunch (set over MCP)"`;
		});

		await step('MCP: get_user of an unknown user is a clear error', async () => {
			const { answer } = await writesDuring(() => call(client, 'get_user', { findBy: 'username', value: 'nobody.at.all' }));
			const text = answer.error ?? answer.text ?? '';
			assert(/User not found/.test(text), `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			return text.slice(0, 120);
		});

		await step('MCP: set_status with a status that is not an option is refused before any request', async () => {
			const { answer, writes } = await writesDuring(() => call(client, 'set_status', { username: someone.username, status: 'sleeping', message: '' }));
			const text = answer.error ?? answer.text ?? '';
			// The field, the item, the refused value and every allowed one (the wording is the parameter checks').
			assert(/Status \(item 0\).*"sleeping"/.test(text) && ['online', 'away', 'busy', 'offline'].every((s) => text.includes(s)), `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			assert(writes.length === 0, `sent ${writes.map((request) => request.path).join(', ')}`);
			return text.slice(0, 160);
		});

		await step('MCP: get_own_sessions answers the sessions of the credential\'s account', async () => {
			const { answer } = await writesDuring(() => call(client, 'get_own_sessions', {}));
			assert(answer.text !== undefined, `answer: ${JSON.stringify(answer).slice(0, 300)}`);
			const own = sim.state.sessions.filter((session) => session.userId === sim.admin.userId && !session.logoutAt).length;
			const listed = (answer.text.match(/"sessionId"/g) ?? []).length;
			assert(listed === Math.min(own, 20), `listed ${listed}, the admin has ${own} open sessions`);
			return `${listed} sessions`;
		});
		await client.close().catch(() => {});
		const listed = await editedDescriptionCheck({ rest, workflowId, connect, step });
		if (listed && app) await agentToolsCheck({ app, rest, workflowId, listed, step });
	} finally {
		await client.close().catch(() => {});
	}
	return workflowId;
}
