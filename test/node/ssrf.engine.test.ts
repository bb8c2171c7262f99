/**
 * n8n's SSRF protection switched on through its own configuration (N8N_SSRF_* variables, read by @n8n/config
 * when n8n-core first asks, once per test file): the engine attaches n8n's SsrfProtectionService to the execution
 * as n8n's own getBase() does. The simulator is on loopback, which n8n blocks by default.
 */
const SSRF_ENV = {
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	// An allowed name, to show the fix works: loopback stays blocked by IP, "localhost" passes by name.
	N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
	// A deny-listed name is refused before any DNS look-up.
	N8N_SSRF_BLOCKED_HOSTNAMES: 'chat.blocked.example',
};
const previous = Object.fromEntries(Object.keys(SSRF_ENV).map((key) => [key, process.env[key]]));
Object.assign(process.env, SSRF_ENV);

import { runRocketChat } from '../support/nodeRun';

import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { getContainer, getCore } from '../support/engine';
import { createPoller, triggerWorkflow } from '../support/poll';
import { credentialFor } from '../support/simCredential';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ users: 3, seed: 231 });
});
afterAll(async () => {
	await sim.close();
	for (const [key, value] of Object.entries(previous)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

const port = () => new URL(sim.url).port;
const credential = (serverUrl: string) => credentialFor(sim, sim.admin, { serverUrl });

async function getAdmin(serverUrl: string) {
	return await runRocketChat({
		parameters: { resource: 'user', operation: 'get', lookup: 'userId', lookupValue: sim.admin.userId },
		credential: credential(serverUrl),
	});
}

interface Failure {
	message: string;
	description: string;
	httpCode: string;
}

/** Counts the blocks n8n's SsrfProtectionService reports: one per attempt. */
function countBlocks(): { count: number } {
	getCore();
	const { SsrfProtectionService } = require(require.resolve('@n8n/backend-network', { paths: [require.resolve('n8n-core')] }));
	const service = getContainer().get(SsrfProtectionService) as { events: { on(event: string, listener: () => void): void } };
	const counter = { count: 0 };
	service.events.on('ssrf.blocked', () => counter.count++);
	return counter;
}

test("the node keeps n8n's message and description and adds the setting that allows the server; not retried", async () => {
	sim.clearRequests();
	const blocks = countBlocks();
	const result = await getAdmin(`http://127.0.0.1:${port()}`);
	expect(result.status).toBe('error');
	const error = result.error as Failure;
	expect(error.httpCode).toBe('SSRF_BLOCKED_IP');
	expect(error.message).toBe(`The request was blocked because it resolves to a restricted IP address (127.0.0.1:${port()})`);
	expect(error.description).toMatch(/^The target 127\.0\.0\.1 is not allowed\. This is a security measure to prevent Server-Side Request Forgery \(SSRF\)\./);
	expect(error.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32\), on every n8n process/);
	expect(`${error.message} ${error.description}`).not.toMatch(/ENETWORK|Could not reach/);
	expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(sim.admin.authToken);
	// Nothing reached the server, and the GET, marked non-retryable by n8n, was tried once (3 retries otherwise).
	expect(sim.requests).toHaveLength(0);
	expect(blocks.count).toBe(1);
});

test('the trigger says the same', async () => {
	const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential: credential(`http://127.0.0.1:${port()}`) });
	const { result } = await trigger.poll();
	expect(result.status).toBe('error');
	const error = result.error as Failure;
	expect(error.httpCode).toBe('SSRF_BLOCKED_IP');
	expect(error.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES/);
	expect(trigger.nodeState() ?? {}).toEqual({});
});

test('a host name in N8N_SSRF_ALLOWED_HOSTNAMES passes, as the hint says', async () => {
	const result = await getAdmin(`http://localhost:${port()}`);
	expect(result.status).toBe('success');
	expect((result.json('Rocket.Chat') as IDataObject[])[0]).toMatchObject({ _id: sim.admin.userId });
});

test('a host name on the deny-list: n8n\'s message, and which list to change', async () => {
	const result = await getAdmin('https://chat.blocked.example');
	expect(result.status).toBe('error');
	const error = result.error as Failure;
	expect(error.httpCode).toBe('SSRF_BLOCKED_HOSTNAME');
	expect(error.message).toBe('The request was blocked because the destination hostname is restricted (chat.blocked.example)');
	expect(error.description).toMatch(/^The hostname 'chat\.blocked\.example' is on the configured deny-list\./);
	expect(error.description).toMatch(/remove "chat\.blocked\.example" from N8N_SSRF_BLOCKED_HOSTNAMES or add it to N8N_SSRF_ALLOWED_HOSTNAMES/);
});
