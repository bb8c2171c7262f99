/**
 * The MCP checks of the e2e run: examples/ai-agent-mcp.json imported and activated in the real n8n app, its MCP
 * Server Trigger reached with the MCP SDK's own client (no model), the tool list checked as a client sees it, and
 * tools called with the answers checked against the simulator's state and request log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { importAndActivate, waitUntilServed } from './harness.mjs';

export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';
export const MCP_EXAMPLE = 'ai-agent-mcp.json';

/** `n8n execute` cannot run a workflow that only serves tools: such examples are checked here instead. */
export function servesMcp(wf) {
	return (wf.nodes ?? []).some((node) => node.type === MCP_TRIGGER_TYPE);
}

/** Each tool: what its description starts with, and the arguments it takes (name → JSON type, required?). */
const EXPECTED_TOOLS = {
	get_user: { starts: 'Read only — get one user', args: { findBy: ['string', true], value: ['string', true] } },
	list_users: { starts: 'Read only — get many users', args: { limit: ['number', false] } },
	preview_idle_users: { starts: 'Read only — list the idle users', args: { daysIdle: ['number', false], role: ['string', false] } },
	set_status: { starts: 'Changes data — set the status', args: { username: ['string', true], status: ['string', true], message: ['string', false] } },
	get_own_sessions: { starts: 'Read only — get many device sessions of the account of the n8n credential', args: { limit: ['number', false] } },
};

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

export async function mcpChecks({ url, rest, getSim, credential, step, examplesDir, onTools }) {
	const wf = JSON.parse(readFileSync(path.join(examplesDir, MCP_EXAMPLE), 'utf8'));
	const trigger = wf.nodes.find((node) => node.type === MCP_TRIGGER_TYPE);
	const endpoint = `${url}/mcp/${trigger.parameters.path}`;
	let client;

	const activated = await step(`MCP: import and activate ${MCP_EXAMPLE}, wait for ${new URL(endpoint).pathname}`, async () => {
		const id = await importAndActivate(rest, wf, credential);
		const waited = await waitUntilServed(endpoint, { method: 'GET', headers: { accept: 'text/event-stream' } });
		client = new Client({ name: 'n8n-nodes-rocketchat-e2e', version: '1.0.0' });
		await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
		return `workflow ${id} active; path answered after ${waited} ms; connected (Streamable HTTP)`;
	});
	if (!activated) return;

	try {
		await step('MCP: tools/list shows each tool with a description that says whether it acts, and its arguments', async () => {
			const { tools } = await client.listTools();
			onTools?.(tools);
			assert(JSON.stringify(tools.map((tool) => tool.name).sort()) === JSON.stringify(Object.keys(EXPECTED_TOOLS).sort()), `tools: ${tools.map((tool) => tool.name).join(', ')}`);
			for (const tool of tools) {
				const want = EXPECTED_TOOLS[tool.name];
				assert(tool.description.startsWith(want.starts) && tool.description.endsWith(' in Rocket.Chat'), `${tool.name}: description "${tool.description}"`);
				const properties = tool.inputSchema?.properties ?? {};
				const required = tool.inputSchema?.required ?? [];
				assert(JSON.stringify(Object.keys(properties).sort()) === JSON.stringify(Object.keys(want.args).sort()), `${tool.name}: arguments ${Object.keys(properties).join(', ')}`);
				for (const [name, [type, isRequired]] of Object.entries(want.args)) {
					assert(properties[name].type === type, `${tool.name}.${name}: type ${properties[name].type}, expected ${type}`);
					assert(required.includes(name) === isRequired, `${tool.name}.${name}: required ${required.includes(name)}, expected ${isRequired}`);
					assert(typeof properties[name].description === 'string' && properties[name].description.length > 10, `${tool.name}.${name}: no description`);
				}
			}
			return `${tools.length} tools: ${tools.map((tool) => tool.name).join(', ')}`;
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
	} finally {
		await client.close().catch(() => {});
	}
}
