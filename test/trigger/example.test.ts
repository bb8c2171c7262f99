/**
 * examples/new-user-welcome.json as shipped, polled through n8n-core like an active workflow against the
 * simulator: the trigger's items start the rest of the workflow, and the simulator's state shows the
 * preferences set and the welcome e-mails sent.
 */
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { PACKAGE_ROOT } from '../support/nodeRun';
import { createPoller } from '../support/poll';
import { credentialFor } from '../support/simCredential';

const EXAMPLE = path.join(PACKAGE_ROOT, 'examples/new-user-welcome.json');
const T0 = Date.parse('2026-06-01T12:00:00.000Z');

let sim: Simulator;

afterEach(async () => {
	await sim?.close();
});

function credential(): IDataObject {
	return credentialFor(sim);
}

const welcomed = () => sim.state.emailsSent.filter((email) => email.kind === 'welcome').map((email) => email.to);

test('new-user-welcome: each new person gets preferences and one welcome e-mail; bots and old users do not', async () => {
	sim = await startSimulator({ users: 150, seed: 21, now: T0 });
	const poller = createPoller({ workflow: EXAMPLE, credential: credential() });

	const activation = await poller.poll();
	expect(activation.result.status).toBe('success');
	expect(activation.items).toEqual([]);
	expect(activation.result.ran('Set Preferences')).toBe(false);

	sim.addUser({ username: 'jane.doe', email: 'jane.doe@example.com', createdAt: new Date(T0 + 1000) });
	sim.addUser({ username: 'build.bot', type: 'bot', roles: ['bot'], createdAt: new Date(T0 + 2000) });
	sim.addUser({ username: 'john.roe', email: 'john.roe@example.com', createdAt: new Date(T0 + 3000) });
	const second = await poller.poll();
	expect(second.result.status).toBe('success');
	expect(second.items.map((item) => item.username)).toEqual(['jane.doe', 'john.roe']);
	expect(second.result.json('Send Welcome Email')).toHaveLength(2);
	expect(welcomed()).toEqual(['jane.doe@example.com', 'john.roe@example.com']);
	for (const username of ['jane.doe', 'john.roe']) {
		expect(sim.state.userByUsername(username)?.preferences).toMatchObject({
			emailNotificationMode: 'mentions',
			enableAutoAway: true,
			idleTimeLimit: 600,
			sidebarShowUnread: true,
		});
	}
	expect(sim.state.userByUsername('build.bot')?.preferences).toEqual({});

	const third = await poller.poll();
	expect(third.items).toEqual([]);
	expect(third.result.ran('Send Welcome Email')).toBe(false);
	expect(welcomed()).toHaveLength(2);
});

test('new-user-welcome run by hand (as `n8n execute` does): the newest person is welcomed, the poll state is untouched', async () => {
	sim = await startSimulator({ users: 30, seed: 22, now: T0 });
	sim.addUser({ username: 'newest.person', email: 'newest.person@example.com', createdAt: new Date(T0 + 1000) });
	const poller = createPoller({ workflow: EXAMPLE, credential: credential() });
	const run = await poller.test();
	expect(run.result.status).toBe('success');
	expect(run.items.map((item) => item.username)).toEqual(['newest.person']);
	expect(welcomed()).toEqual(['newest.person@example.com']);
	expect(poller.nodeState()).toBeUndefined();
});
