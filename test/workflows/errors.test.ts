/**
 * Items that fail inside a workflow: five lookups, of which one user is unknown to the server (API
 * error) and one has an empty username (parameter error, never sent). With "Continue" the error items
 * stay in place and pair to their input; with "Continue (using error output)" failures go to output 2
 * and successes to output 1, each paired to its own input item; without either the run stops.
 */
import { credentialFor, expectNoSecrets, pairedItems, requestsTo, runFile } from './helpers';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';

let sim: Simulator;
const known: Record<string, string> = {};

beforeAll(async () => {
	sim = await startSimulator({ users: 10, seed: 31, now: new Date('2026-06-01T12:00:00.000Z') });
	for (const username of ['ann.known', 'bob.known', 'cy.known']) known[username] = sim.addUser({ username, name: username.toUpperCase() }).userId;
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => sim.clearRequests());

const LOOKUPS = ['ann.known', 'nobody.here', 'bob.known', '', 'cy.known'];
const credential = () => credentialFor(sim, sim.admin);

/** What the simulator was asked, in order: one users.info per non-empty username. */
function expectLookupsSent(upTo = LOOKUPS.length) {
	const sent = LOOKUPS.slice(0, upTo).filter((username) => username !== '');
	expect(requestsTo(sim, '/api/v1/users.info').map((request) => [request.query.username, request.status])).toEqual(
		sent.map((username) => [username, username === 'nobody.here' ? 400 : 200]),
	);
	expect(sim.requests).toHaveLength(sent.length);
}

function expectFound(item: INodeExecutionData, username: string) {
	expect(item.json).toMatchObject({ id: known[username], username, name: username.toUpperCase(), active: true });
	expect(item.error).toBeUndefined();
}

test('continueOnFail: one output item per input item, errors in place and paired to their input', async () => {
	const result = await runFile('get-users-continue', { credential: credential() });
	expect(result.status).toBe('success');
	expect(result.error).toBeUndefined();

	const [items] = result.output('Get User');
	expect(items).toHaveLength(5);
	expect(pairedItems(items)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	expectFound(items[0], 'ann.known');
	expectFound(items[2], 'bob.known');
	expectFound(items[4], 'cy.known');
	// The server's answer for the unknown user…
	expect(items[1].json).toEqual({ error: 'User not found.' });
	expect(items[1].error?.message).toBe('User not found.');
	expect((items[1].error as unknown as IDataObject).httpCode).toBe('400');
	// …and the node's own check of the empty username, naming the field as the user sees it.
	expect(items[3].json).toEqual({ error: 'Value (item 3): a value is required' });
	expect(items[3].error?.name).toBe('NodeOperationError');

	// The next node gets all five, still pairing to the Split Out items.
	const [results] = result.output('Results');
	expect(results.map((item) => item.json)).toEqual(items.map((item) => item.json));
	expectLookupsSent();
	expectNoSecrets(result, [sim.admin.authToken]);
});

test("onError 'continueErrorOutput': successes on output 1, failures on output 2, each paired to its input", async () => {
	const result = await runFile('get-users-error-output', { credential: credential() });
	expect(result.status).toBe('success');
	expect(result.error).toBeUndefined();

	const [success, failed] = result.output('Get User');
	expect(success.map((item) => item.json.username)).toEqual(['ann.known', 'bob.known', 'cy.known']);
	expect(pairedItems(success)).toEqual([{ item: 0 }, { item: 2 }, { item: 4 }]);
	success.forEach((item, index) => expectFound(item, ['ann.known', 'bob.known', 'cy.known'][index]));

	// n8n-core keeps only the message in an error item's json; the pairing says which lookup failed.
	expect(failed.map((item) => item.json)).toEqual([{ error: 'User not found.' }, { error: 'Value (item 3): a value is required' }]);
	expect(pairedItems(failed)).toEqual([{ item: 1 }, { item: 3 }]);
	const [splitOut] = result.output('Split Out');
	expect(failed.map((item) => splitOut[(item.pairedItem as { item: number }).item].json.username)).toEqual(['nobody.here', '']);
	expect(failed.map((item) => item.error?.name)).toEqual(['NodeApiError', 'NodeOperationError']);

	// Downstream, each branch received exactly its items.
	expect(result.json('Found')).toEqual(success.map((item) => item.json));
	expect(result.json('Not Found')).toEqual(failed.map((item) => item.json));
	expect(pairedItems(result.output('Not Found')[0])).toEqual([{ item: 0 }, { item: 1 }]);
	expectLookupsSent();
	expectNoSecrets(result, [sim.admin.authToken]);
});

test('without an error setting the run stops at the first failing item, naming it', async () => {
	const result = await runFile('get-users-continue', {
		credential: credential(),
		patch: (workflow) => {
			delete workflow.nodes.find((node) => node.name === 'Get User')!.onError;
		},
	});
	expect(result.status).toBe('error');
	const error = result.nodeErrors['Get User'] as Error & { context?: IDataObject; httpCode?: string };
	expect(error.message).toBe('User not found.');
	expect(error.context?.itemIndex).toBe(1);
	expect(error.httpCode).toBe('400');
	expect(result.ran('Results')).toBe(false);
	// Items are processed in order: nothing after the failing item was sent.
	expectLookupsSent(2);
	expectNoSecrets(result, [sim.admin.authToken]);
});
