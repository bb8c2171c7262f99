/**
 * The example workflows of examples/, run as they are shipped (same JSON the README tells users to import)
 * through n8n-core's WorkflowExecute with the built node, against the simulator; then the simulator's state
 * is checked, not only the node outputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { SAMPLE_PNG, startSimulator, type Simulator } from '../../simulator/server';
import type { SimUser } from '../../simulator/types';
import { loadPackageNodeTypes, runWorkflow, type EngineNodeTypes } from '../support/engine';
import { CREDENTIAL, PACKAGE_ROOT } from '../support/nodeRun';
import { credentialFor } from '../support/simCredential';
import type { Operation } from '../../nodes/RocketChat/actions/operation';
import { deviceManagementOperations } from '../../nodes/RocketChat/actions/deviceManagement';
import { userOperations } from '../../nodes/RocketChat/actions/user';
import { buildRequest } from '../support/builders';

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples');
const DAY = 86_400_000;

let nodeTypes: EngineNodeTypes;
let sim: Simulator;

beforeAll(() => {
	if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist/nodes/RocketChat/RocketChat.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm test does it)');
	}
	nodeTypes = loadPackageNodeTypes(PACKAGE_ROOT, { source: 'dist' });
});

afterEach(async () => {
	await sim?.close();
});

function adminCredential(extra: IDataObject = {}): IDataObject {
	return credentialFor(sim, sim.admin, extra);
}

async function runExample(file: string, credential: IDataObject) {
	return await runWorkflow(nodeTypes, {
		workflow: path.join(EXAMPLES, file),
		credentials: { [CREDENTIAL]: credential },
	});
}

/** The server's own rule for users.deactivateIdle (rocketchat-server.md), evaluated on the simulator's state. */
function wouldDeactivate(user: SimUser, daysIdle: number, role: string, now: number): boolean {
	const cutoff = new Date(now);
	cutoff.setDate(cutoff.getDate() - daysIdle);
	if (!user.active || !user.roles.includes(role)) return false;
	return (user.lastLogin ?? user.createdAt).getTime() <= cutoff.getTime();
}

test('every example is importable n8n workflow JSON that uses this package', () => {
	const files = fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));
	expect(files.length).toBeGreaterThanOrEqual(3);
	for (const file of files) {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
		expect(typeof workflow.name).toBe('string');
		const names = new Set(workflow.nodes.map((node: IDataObject) => node.name));
		expect(names.size).toBe(workflow.nodes.length);
		for (const [from, outputs] of Object.entries(workflow.connections as Record<string, IDataObject>)) {
			expect(names.has(from)).toBe(true);
			// main between ordinary nodes; ai_tool from a Rocket.Chat Tool to the MCP Server Trigger.
			for (const target of Object.values(outputs).flat(2) as IDataObject[]) expect(names.has(String(target.node))).toBe(true);
		}
		const ours = workflow.nodes.filter((node: IDataObject) => String(node.type).startsWith('n8n-nodes-rocketchat.'));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) expect(Object.keys(node.credentials)).toEqual([CREDENTIAL]);
	}
});

describe('examples/idle-user-deactivation.json', () => {
	test('previews exactly the users the server deactivates, reports them, then deactivates them', async () => {
		sim = await startSimulator({ users: 300, seed: 7 });
		// Users that sit on either side of the rule's edges, beside the seeded population.
		const now = Date.now();
		sim.addUser({ username: 'never.logged.in.old', lastLogin: null, createdAt: new Date(now - 400 * DAY), withToken: false });
		sim.addUser({ username: 'never.logged.in.new', lastLogin: null, createdAt: new Date(now - 2 * DAY), withToken: false });
		sim.addUser({ username: 'idle.bot', type: 'bot', roles: ['bot'], lastLogin: new Date(now - 400 * DAY), withToken: false });
		const expected = sim.state.users.filter((user) => wouldDeactivate(user, 90, 'user', now)).map((user) => user.username);
		expect(expected.length).toBeGreaterThan(5);
		const stillActive = sim.state.users.filter((user) => user.active && !expected.includes(user.username)).map((user) => user.username);

		const result = await runExample('idle-user-deactivation.json', adminCredential());

		expect(result.status).toBe('success');
		const preview = result.json('Preview Idle Users');
		expect(preview.map((user) => user.username).sort()).toEqual([...expected].sort());
		expect(preview.map((user) => user.username)).toContain('never.logged.in.old');
		const report = result.json('Report');
		expect(report).toHaveLength(expected.length);
		for (const line of report) expect(Object.keys(line).sort()).toEqual(['lastLogin', 'name', 'reason', 'username']);
		expect(report.find((line) => line.username === 'never.logged.in.old')?.lastLogin).toBe('never');
		// executeOnce: one deactivateIdle call for the whole list, with the rule read from the preview node.
		expect(result.json('Deactivate Idle Users')).toEqual([{ count: expected.length }]);
		const calls = sim.requests.filter((request) => request.path === '/api/v1/users.deactivateIdle');
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toEqual({ daysIdle: 90, role: 'user' });

		for (const username of expected) expect(sim.state.userByUsername(username)?.active).toBe(false);
		for (const username of stillActive) expect(sim.state.userByUsername(username)?.active).toBe(true);
	});

	test('when nobody is idle, nothing is deactivated and the last node does not run', async () => {
		sim = await startSimulator({ users: 0 });
		const result = await runExample('idle-user-deactivation.json', adminCredential());
		expect(result.status).toBe('success');
		expect(result.json('Preview Idle Users')).toEqual([]);
		expect(result.ran('Deactivate Idle Users')).toBe(false);
		expect(sim.requests.some((request) => request.path === '/api/v1/users.deactivateIdle')).toBe(false);
		// Preview Idle Users only reads.
		expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
	});
});

describe('examples/onboarding.json', () => {
	// The server downloads each photo URL; the simulator has no network, so it is told what they answer.
	const photos = (url: string) => (url.startsWith('https://example.com/photos/') ? { contentType: 'image/png', body: SAMPLE_PNG } : undefined);

	test('creates each hire with avatar and preferences, then sends the welcome e-mail', async () => {
		// 8.9.2: users.create before its 9.0 2FA gate (simulator/versions.ts createTwoFactorGated); the example's credential has no 2FA.
		sim = await startSimulator({ users: 20, seed: 3, remoteUrls: photos, serverVersion: '8.9.2' });
		const result = await runExample('onboarding.json', adminCredential());
		expect(result.status).toBe('success');

		const hires = ['ada.lovelace', 'alan.turing', 'grace.hopper'];
		expect(result.json('Create or Update User').map((user) => [user.username, user.outcome])).toEqual(hires.map((username) => [username, 'created']));
		for (const username of hires) {
			const user = sim.state.userByUsername(username) as SimUser;
			expect(user).toBeDefined();
			expect(user.requirePasswordChange).toBe(true);
			expect(user.emails[0]).toEqual({ address: `${username}@example.com`, verified: true });
			expect(user.avatar).toMatchObject({ origin: 'url', url: `https://example.com/photos/${username.split('.')[0]}.png`, contentType: 'image/png' });
			expect(user.language).toBe('en');
			expect(user.preferences).toMatchObject({ emailNotificationMode: 'mentions', enableAutoAway: true, idleTimeLimit: 600, sidebarShowUnread: true });
		}
		// Every step ran once per hire, paired back to its hire.
		for (const node of ['Set Avatar', 'Set Preferences', 'Send Welcome Email']) {
			const items = result.output(node)[0];
			expect(items).toHaveLength(3);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		}
		const welcomes = sim.requests.filter((request) => request.path === '/api/v1/users.sendWelcomeEmail');
		expect(welcomes.map((request) => (request.body as IDataObject).email)).toEqual(hires.map((username) => `${username}@example.com`));
		// The random password replaced the placeholder; the workflow never saw it.
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toMatch(/"password"/);
	});

	test('re-running creates nobody twice and e-mails nobody twice', async () => {
		// 8.9.2: users.create before its 9.0 2FA gate (simulator/versions.ts createTwoFactorGated); the example's credential has no 2FA.
		sim = await startSimulator({ users: 20, seed: 3, remoteUrls: photos, serverVersion: '8.9.2' });
		expect((await runExample('onboarding.json', adminCredential())).status).toBe('success');
		const users = sim.state.users.length;
		const welcomes = sim.state.emailsSent.length;
		sim.clearRequests();

		const again = await runExample('onboarding.json', adminCredential());
		expect(again.status).toBe('success');
		expect(again.json('Create or Update User').map((user) => user.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(again.ran('Set Avatar')).toBe(false);
		expect(sim.state.users.length).toBe(users);
		expect(sim.state.emailsSent.length).toBe(welcomes);
		expect(sim.requests.filter((request) => request.method === 'POST')).toEqual([]);
	});

	test('a hire whose username is taken by someone else stops the run with the server error naming it', async () => {
		sim = await startSimulator({ users: 0, serverVersion: '8.9.2' });
		sim.addUser({ username: 'alan.turing', email: 'another.alan@example.com', withToken: false });
		const result = await runExample('onboarding.json', adminCredential());
		expect(result.status).toBe('error');
		expect(String((result.error as Error).message)).toMatch(/alan\.turing/);
	});
});

describe('examples/session-audit.json', () => {
	test('logs out exactly the sessions older than 30 days or from unknown clients', async () => {
		sim = await startSimulator({ users: 60, seed: 11 });
		const now = Date.now();
		const listed = () => sim.state.sessions.filter((session) => !session.logoutAt && session.loginToken !== '');
		const isSuspect = (session: (typeof sim.state.sessions)[number]) =>
			session.loginAt.getTime() < now - 30 * DAY || session.device.type === 'other';
		const suspects = listed().filter(isSuspect).map((session) => session.sessionId);
		const keep = listed().filter((session) => !isSuspect(session)).map((session) => session.sessionId);
		expect(suspects.length).toBeGreaterThan(3);
		expect(keep.length).toBeGreaterThan(3);

		// sessions/list.all and sessions/logout are 2FA-gated: the credential answers with the password.
		const result = await runExample('session-audit.json', adminCredential({ twoFactorMethod: 'password', password: sim.admin.password }));

		expect(result.status).toBe('success');
		expect(result.json('Get All Sessions')).toHaveLength(suspects.length + keep.length);
		expect(result.json('Log Out Session').map((item) => item.sessionId).sort()).toEqual([...suspects].sort());
		const open = new Set(listed().map((session) => session.sessionId));
		for (const sessionId of suspects) expect(open.has(sessionId)).toBe(false);
		for (const sessionId of keep) expect(open.has(sessionId)).toBe(true);
	});

	test('without 2FA in the credential the run fails with a hint instead of logging anyone out', async () => {
		sim = await startSimulator({ users: 5 });
		const result = await runExample('session-audit.json', adminCredential());
		expect(result.status).toBe('error');
		expect(String((result.error as Error).message) + JSON.stringify((result.error as IDataObject).description ?? '')).toMatch(/two-factor|2FA/i);
		expect(sim.requests.some((request) => request.path === '/api/v1/sessions/logout')).toBe(false);
	});
});

describe('examples/ai-agent-mcp.json', () => {
	// The MCP Server Trigger lives in n8n's LangChain package, which the engine tests do not load: serving the tools
	// over MCP is checked in the n8n app (npm run test:e2e, scripts/lib/mcp.mjs). Here: each tool is a Rocket.Chat
	// operation whose parameters, with the model's arguments in place of $fromAI(), build the expected request.
	const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'ai-agent-mcp.json'), 'utf8'));
	const arguments_: Record<string, unknown> = { findBy: 'username', value: 'ann', limit: 20, daysIdle: 90, role: 'user', username: 'ann', status: 'away', message: 'Lunch' };
	const fill = (value: unknown): unknown => {
		if (typeof value === 'string') {
			const call = /^=\{\{ \$fromAI\('(\w+)'/.exec(value);
			return call ? arguments_[call[1]] : value;
		}
		if (Array.isArray(value)) return value.map(fill);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
		return value;
	};

	test.each([
		['get_user', 'GET', '/api/v1/users.info'],
		['list_users', 'GET', '/api/v1/users.list'],
		['preview_idle_users', 'GET', '/api/v1/users.list'],
		['set_status', 'POST', '/api/v1/users.setStatus'],
		['get_own_sessions', 'GET', '/api/v1/sessions/list'],
	])('%s: a Rocket.Chat Tool wired to the MCP Server Trigger, sending %s %s', (name, method, pathName) => {
		const node = workflow.nodes.find((entry: IDataObject) => entry.name === name);
		expect(node.type).toBe('n8n-nodes-rocketchat.rocketChatTool');
		expect(workflow.connections[name]).toEqual({ ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] });
		const { resource, operation, descriptionType: _auto, ...values } = node.parameters;
		const operations: Record<string, Record<string, Operation>> = { user: userOperations, deviceManagement: deviceManagementOperations };
		const spec = buildRequest(operations[resource][operation], fill(values) as Record<string, unknown>);
		expect([spec.method, spec.path]).toEqual([method, pathName]);
	});
});
