// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { IDataObject, INode } from 'n8n-workflow';
import * as path from 'node:path';
import { testCredential } from '../support/engine';
import { FakeServer } from '../support/fakeServer';
import { createPoller, triggerWorkflow } from '../support/poll';
import { credentialFor } from '../support/simCredential';
import { startSimulator, type Simulator } from '../../simulator/server';
import { apiError } from '../../nodes/RocketChat/transport/errors';
import { sha256Hex } from '../../nodes/RocketChat/transport/twoFactor';

const PASSWORD = 'pass-very-secret-456';
const server = new FakeServer();
const credential = (extra: IDataObject = {}) => ({
	serverUrl: server.url,
	userId: 'admin-id',
	authToken: 'tok-very-secret-123',
	twoFactorMethod: 'none',
	...extra,
});
const getUser = { resource: 'user', operation: 'get', lookup: 'userId', lookupValue: 'u1' };

beforeAll(async () => {
	await server.start();
});
afterAll(async () => {
	await server.stop();
});
beforeEach(() => server.reset());

/** Everything a run exposes: output items, the error and its description. */
function exposed(result: Awaited<ReturnType<typeof runRocketChat>>): string {
	const error = result.error as { message?: string; description?: string; context?: unknown } | undefined;
	const outputs = result.ran('Rocket.Chat') ? result.output('Rocket.Chat') : [];
	return JSON.stringify({ outputs, message: error?.message, description: error?.description, context: error?.context, nodeErrors: result.nodeErrors });
}

describe('secrets in user objects never reach output or errors', () => {
	const SECRET_KEYS = /"(services|bcrypt|hashedToken|verificationTokens|hashedBackup|twoFactorAuthorizedHash|private_key|inviteToken|accessToken|refreshToken)"/;

	describe.each(['8.8.1', '7.10.0'])('server %s', (serverVersion) => {
		let sim: Simulator;
		beforeAll(async () => {
			sim = await startSimulator({ users: 5, serverVersion, now: new Date('2026-06-01T12:00:00Z') });
		});
		afterAll(() => sim.close());

		test('users.info of oneself carries services on the wire; Get outputs none of it, only derived facts', async () => {
			const raw = await fetch(`${sim.url}/api/v1/users.info?userId=${sim.totpUser.userId}`, { headers: sim.authHeaders(sim.totpUser) });
			const wire = (await raw.json()) as { user: IDataObject };
			const services = wire.user.services as { resume: { loginTokens: Array<{ hashedToken: string }> }; totp: IDataObject };
			expect(services.resume.loginTokens[0].hashedToken).toEqual(expect.any(String));
			expect(services.totp).toMatchObject({ enabled: true, secret: expect.any(String) });
			expect(wire.user.services).toHaveProperty('password', serverVersion.startsWith('8') ? true : { bcrypt: expect.stringMatching(/^\$2b\$/) });

			const result = await runRocketChat({
				parameters: { ...getUser, lookupValue: sim.totpUser.userId, simplify: false },
				credential: credentialFor(sim, sim.totpUser),
			});
			expect(result.status).toBe('success');
			const [user] = result.json('Rocket.Chat');
			expect(exposed(result)).not.toMatch(SECRET_KEYS);
			expect(exposed(result)).not.toContain((sim.state.userById(sim.totpUser.userId)!.totp!.secret));
			expect(user.twoFactor).toEqual({ totp: true, email: false });
			expect(user.loginServices).toEqual(['password']);
		});

		test('Create and Update answer with the full document; the output holds no secret', async () => {
			const created = await runRocketChat({
				parameters: { resource: 'user', operation: 'create', name: 'New Person', email: `new.${serverVersion}@example.com`, username: `new.${serverVersion.replace(/\./g, '')}`, password: PASSWORD, simplify: false },
				credential: credentialFor(sim),
			});
			expect(created.status).toBe('success');
			const logged = sim.requests.filter((request) => request.path === '/api/v1/users.create');
			expect(logged).toHaveLength(1);
			const [user] = created.json('Rocket.Chat');
			expect(user.loginServices).toEqual(['password']);
			expect(exposed(created)).not.toMatch(SECRET_KEYS);
			const updated = await runRocketChat({
				parameters: { resource: 'user', operation: 'update', user: { __rl: true, mode: 'id', value: user._id }, updateFields: { nickname: 'Nick' }, simplify: false },
				credential: credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password }),
			});
			expect(updated.status).toBe('success');
			expect(updated.json('Rocket.Chat')[0]).toMatchObject({ nickname: 'Nick', loginServices: ['password'] });
			expect(exposed(updated)).not.toMatch(SECRET_KEYS);
		});
	});

	test('an error body that carries a user object is stripped too, and OAuth identities become service names', async () => {
		server.on('GET /api/v1/users.info', () => ({
			status: 400,
			json: {
				success: false,
				error: 'odd',
				user: { _id: 'u1', services: { google: { accessToken: 'ya29.secret' }, resume: { loginTokens: [{ hashedToken: 'h' }] } }, e2e: { private_key: 'pk', public_key: 'pub' }, inviteToken: 'inv' },
			},
		}));
		const result = await runRocketChat({ parameters: getUser, credential: credential() });
		expect(result.status).toBe('error');
		expect(exposed(result)).not.toMatch(/ya29\.secret|"pk"|"inv"|hashedToken/);
		server.reset();
		server.on('GET /api/v1/users.info', () => ({
			json: { success: true, user: { _id: 'u1', services: { google: { accessToken: 'ya29.secret' }, password: { bcrypt: '$2b$x' } }, e2e: { private_key: 'pk', public_key: 'pub' } } },
		}));
		const ok = await runRocketChat({ parameters: getUser, credential: credential() });
		expect(ok.json('Rocket.Chat')).toEqual([{ _id: 'u1', e2e: { public_key: 'pub' }, loginServices: ['google', 'password'], twoFactor: { totp: false, email: false } }]);
	});
});

describe('an answer that is not Rocket.Chat\'s is an error, never a success', () => {
	const HTML = '<!DOCTYPE html><html><head><title>Acme Corp</title></head><body>Welcome</body></html>';

	test.each([
		['an HTML page', { raw: Buffer.from(HTML), headers: { 'content-type': 'text/html; charset=utf-8' } }, 'text/html', '"<!DOCTYPE html><html><head><title>Acme Corp', /looks like a web page, not the Rocket\.Chat API: check the Server URL/],
		['an empty body', { raw: Buffer.alloc(0), headers: { 'content-type': 'text/plain' } }, 'text/plain', 'an empty body', /check the Server URL/],
		['JSON without the success envelope', { json: { users: [] } }, 'application/json', '"{"users":[]}"', /not the Rocket\.Chat API's answer: check the Server URL/],
		['text that is not JSON', { raw: Buffer.from('OK'), headers: { 'content-type': 'text/plain' } }, 'text/plain', '"OK"', /check the Server URL/],
	])('%s (HTTP 200)', async (_name, reply, contentType, preview, hint) => {
		server.on('GET /api/v1/users.info', () => reply);
		const result = await runRocketChat({ parameters: getUser, credential: credential() });
		expect(result.status).toBe('error');
		const error = result.error as { message: string; description: string };
		expect(error.message).toContain(`The answer from ${server.url}/api/v1/users.info is not Rocket.Chat's (HTTP 200, ${contentType}, ${preview}`);
		expect(error.description).toMatch(hint);
		expect(exposed(result)).not.toContain('tok-very-secret-123');
	});

	test('a redirect to another origin (an SSO login) is an error naming its target, and is not followed', async () => {
		server.on('GET /api/v1/users.list', () => ({ status: 302, headers: { location: 'https://sso.example.invalid/login?next=/api' }, raw: Buffer.alloc(0) }));
		const result = await runRocketChat({ parameters: { resource: 'user', operation: 'getAll', returnAll: true }, credential: credential() });
		expect(result.status).toBe('error');
		const error = result.error as { message: string; description: string };
		expect(error.message).toContain('(HTTP 302');
		expect(error.description).toContain('redirected to https://sso.example.invalid/login');
		expect(server.requests).toHaveLength(1);
	});

	test('a POST answered by a web page fails; continueOnFail gives an error item', async () => {
		server.on('POST /api/v1/users.setActiveStatus', () => ({ raw: Buffer.from(HTML), headers: { 'content-type': 'text/html' } }));
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'setActiveStatus', user: { __rl: true, mode: 'id', value: 'u1' }, activeStatus: false },
			credential: credential(),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		const [success, errors] = result.output('Rocket.Chat');
		expect(success ?? []).toHaveLength(0);
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toContain("is not Rocket.Chat's (HTTP 200, text/html");
	});

	test('Get Avatar: a web page instead of an image is an error', async () => {
		server.on('GET /avatar/jane', () => ({ raw: Buffer.from(HTML), headers: { 'content-type': 'text/html' } }));
		const result = await runRocketChat({ parameters: { resource: 'user', operation: 'getAvatar', username: 'jane' }, credential: credential() });
		expect(result.status).toBe('error');
		expect((result.error as { message: string }).message).toContain('/avatar/jane is not Rocket.Chat\'s (HTTP 200, text/html');
		// The rc_uid/rc_token cookie went to the server's own avatar route, and nowhere into the error.
		expect(server.requests[0].headers.cookie).toBe('rc_uid=admin-id; rc_token=tok-very-secret-123');
		expect(exposed(result)).not.toContain('tok-very-secret-123');
	});

	test('Get User Avatar: the cookie goes only to the own origin after the 307', async () => {
		const other = new FakeServer();
		await other.start();
		try {
			other.on('GET /avatar/jane', () => ({ raw: Buffer.from('<svg/>'), headers: { 'content-type': 'image/svg+xml' } }));
			server.on('GET /api/v1/users.getAvatar', () => ({ status: 307, headers: { location: `${other.url}/avatar/jane` }, raw: Buffer.alloc(0) }));
			const result = await runRocketChat({ parameters: { resource: 'user', operation: 'getUserAvatar', user: { __rl: true, mode: 'username', value: 'jane' } }, credential: credential() });
			expect(result.status).toBe('success');
			expect(other.requests[0].headers.cookie).toBeUndefined();
			expect(other.requests[0].headers['x-auth-token']).toBeUndefined();
			expect(result.json('Rocket.Chat')[0]).toMatchObject({ mimeType: 'image/svg+xml', avatarSource: 'letter' });
		} finally {
			await other.stop();
		}
	});

	test("the credential's Test button fails for a Server URL that answers with a web page", async () => {
		server.on('GET /api/v1/me', () => ({ raw: Buffer.from(HTML), headers: { 'content-type': 'text/html' } }));
		const root = path.resolve(__dirname, '../..');
		const result = await testCredential(root, 'rocketChatWorkspaceApi', credential(), { source: 'ts' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/looks like a web page, not the Rocket\.Chat API: check the Server URL/);
		server.reset();
		server.on('GET /api/v1/me', () => ({ json: { _id: 'admin-id', username: 'admin', success: true } }));
		expect(await testCredential(root, 'rocketChatWorkspaceApi', credential(), { source: 'ts' })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('options fields filled by an expression or an AI agent are checked', () => {
	test.each([
		['Find By', { ...getUser, lookup: '={{ "nickname" }}' }, 'Find By (item 0): "nickname" is not one of the allowed values: "email" (E-Mail)'],
		['a multiOptions value inside Options', { resource: 'user', operation: 'getManyByStatus', options: { inactiveReason: ['deactivated', '={{ "banned" }}'] } }, 'Options → Inactive Reasons (item 0): "banned" is not one of the allowed values'],
		['Get Avatar → Options → Format', { resource: 'user', operation: 'getAvatar', username: 'jane', options: { format: '={{ "gif" }}' } }, '(item 0): "gif" is not one of the allowed values'],
	])('%s: the error names field, item, value and allowed values; nothing is sent', async (_name, parameters, message) => {
		const result = await runRocketChat({ parameters, credential: credential() });
		expect(result.status).toBe('error');
		expect((result.error as { message: string }).message).toContain(message);
		expect(server.requests).toHaveLength(0);
	});

	test('roles (offered by the server) are passed on as typed', async () => {
		server.on('GET /api/v1/users.list', () => ({ json: { users: [], count: 0, offset: 0, total: 0, success: true } }));
		const result = await runRocketChat({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: { roles: ['custom-role-id'] } }, credential: credential() });
		expect(result.status).toBe('success');
	});
});

describe('session lists with a custom sort', () => {
	/** As the server does it: newest login first, skip and limit, then the custom sort inside the page only. */
	const sessions = Array.from({ length: 250 }, (_, index) => ({
		_id: `s${index}`,
		sessionId: `s${index}`,
		loginAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
		device: { name: `device-${String((index * 37) % 250).padStart(3, '0')}` },
	}));
	const byLoginDesc = [...sessions].sort((a, b) => (a.loginAt < b.loginAt ? 1 : -1));
	beforeEach(() => {
		server.on('GET /api/v1/sessions/list', (request) => {
			const offset = Number(request.query.get('offset') ?? 0);
			const count = Number(request.query.get('count') ?? 50);
			const page = byLoginDesc.slice(offset, offset + count);
			const sort = request.query.get('sort');
			if (sort) {
				const [[key, direction]] = Object.entries(JSON.parse(sort) as Record<string, number>);
				const value = (session: IDataObject) => String(key === 'device.name' ? (session.device as IDataObject).name : session[key]);
				page.sort((a, b) => (value(a) < value(b) ? -direction : direction));
			}
			return { json: { sessions: page, count: page.length, offset, total: sessions.length, success: true } };
		});
	});

	test('Return All reads in the server order and sorts the whole list itself', async () => {
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getManyOwn', returnAll: true, options: { sort: '{"device.name": 1}' } },
			credential: credential(),
		});
		const names = result.json('Rocket.Chat').map((session) => (session.device as IDataObject).name as string);
		expect(names).toHaveLength(250);
		expect(names).toEqual([...names].sort());
		expect(new Set(names).size).toBe(250);
		expect(server.requests.every((request) => !request.query.has('sort'))).toBe(true);
	});

	test('Limit: the newest sessions by login, in the custom order', async () => {
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getManyOwn', returnAll: false, limit: 3, options: { sort: '{"device.name": -1}' } },
			credential: credential(),
		});
		const expected = byLoginDesc.slice(0, 3).map((session) => session.device.name).sort().reverse();
		expect(result.json('Rocket.Chat').map((session) => (session.device as IDataObject).name)).toEqual(expected);
	});
});

describe('the trigger against answers that are not Rocket.Chat\'s', () => {
	test('a poll answered by a web page fails visibly and keeps its state; emitted users carry no secrets', async () => {
		const users: IDataObject[] = [{ _id: 'a', username: 'first', createdAt: '2026-06-01T10:00:00.000Z', services: { password: { bcrypt: '$2b$first' } } }];
		let page: 'api' | 'html' = 'api';
		server.on('GET /api/v1/users.list', () =>
			page === 'html'
				? { raw: Buffer.from('<html><body>Sign in</body></html>'), headers: { 'content-type': 'text/html' } }
				: { json: { users: [...users].reverse(), count: users.length, offset: 0, total: users.length, success: true } },
		);
		const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential: credential() });
		expect((await trigger.poll()).result.status).toBe('success');
		const state = JSON.stringify(trigger.nodeState());

		users.push({ _id: 'b', username: 'second', createdAt: '2026-06-01T11:00:00.000Z', services: { resume: { loginTokens: [{ hashedToken: 'secret-hash' }] }, password: { bcrypt: '$2b$second' } } });
		page = 'html';
		const failed = await trigger.poll();
		expect(failed.result.status).toBe('error');
		expect((failed.result.error as { message: string }).message).toContain("is not Rocket.Chat's (HTTP 200, text/html");
		expect(JSON.stringify(trigger.nodeState())).toBe(state);

		page = 'api';
		const next = await trigger.poll();
		expect(next.items.map((item) => item.username)).toEqual(['second']);
		expect(JSON.stringify(next.items)).not.toMatch(/services|bcrypt|secret-hash/);
		expect(next.items[0].loginServices).toEqual(['password']);
	});
});

describe('New Device Session: sessions sharing a login millisecond at page boundaries', () => {
	test('none is skipped or repeated although the server orders ties differently on every request', async () => {
		const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute)).toISOString();
		const sessions: IDataObject[] = [];
		const add = (count: number, time: (index: number) => string, prefix: string) => {
			for (let index = 0; index < count; index++) sessions.push({ _id: `${prefix}${index}`, sessionId: `${prefix}${index}`, loginAt: time(index) });
		};
		add(50, (index) => at(index), 'old'); // before activation
		let requestCount = 0;
		// Newest login first, ties in a different order per request (as MongoDB may), then skip/limit.
		server.on('GET /api/v1/sessions/list', (request) => {
			requestCount++;
			const offset = Number(request.query.get('offset') ?? 0);
			const count = Number(request.query.get('count') ?? 50);
			const tie = (session: IDataObject) => sha256Hex(`${String(session._id)}:${requestCount}`);
			const ordered = [...sessions].sort((a, b) => (a.loginAt === b.loginAt ? (tie(a) < tie(b) ? -1 : 1) : String(a.loginAt) < String(b.loginAt) ? 1 : -1));
			const page = ordered.slice(offset, offset + count);
			return { json: { sessions: page, count: page.length, offset, total: sessions.length, success: true } };
		});
		const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newDeviceSession', sessionOptions: { ownSessionsOnly: true } }), credential: credential() });
		expect((await trigger.poll()).result.status).toBe('success');

		// Newest first: 80 at distinct minutes, 60 sharing one millisecond across offset 100, 40 distinct, 60 more sharing
		// another millisecond across offset 200.
		add(80, (index) => at(300 - index), 'a');
		add(60, () => at(200), 'tieA');
		add(40, (index) => at(190 - index), 'b');
		add(60, () => at(100), 'tieB');
		const run = await trigger.poll();
		expect(run.result.status).toBe('success');
		const emitted = run.items.map((item) => String(item.sessionId));
		expect(emitted).toHaveLength(240);
		expect(new Set(emitted).size).toBe(240);
		expect(emitted.filter((id) => id.startsWith('old'))).toEqual([]);
		expect((await trigger.poll()).items).toEqual([]);
	});
});

describe('an unexpected 2FA challenge is answered once with the credential', () => {
	const challenge = { status: 400, json: { success: false, error: 'TOTP Required [totp-required]', errorType: 'totp-required', details: { method: 'password', codeGenerated: false, availableMethods: [] } } };
	const passwordCode = sha256Hex(PASSWORD);

	test('GET: resent once with the password answer', async () => {
		server.on('GET /api/v1/users.info', (request) =>
			request.headers['x-2fa-code'] === passwordCode && request.headers['x-2fa-method'] === 'password'
				? { json: { success: true, user: { _id: 'u1' } } }
				: challenge,
		);
		const result = await runRocketChat({ parameters: getUser, credential: credential({ twoFactorMethod: 'password', password: PASSWORD }) });
		expect(result.status).toBe('success');
		expect(result.json('Rocket.Chat')).toEqual([{ _id: 'u1' }]);
		expect(server.requests.map((request) => request.headers['x-2fa-method'])).toEqual([undefined, 'password']);
	});

	test('POST: resent only after the challenge, and never more than once', async () => {
		server.on('POST /api/v1/users.setActiveStatus', () => challenge);
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'setActiveStatus', user: { __rl: true, mode: 'id', value: 'u1' }, activeStatus: false },
			credential: credential({ twoFactorMethod: 'password', password: PASSWORD }),
		});
		expect(result.status).toBe('error');
		expect(server.requests).toHaveLength(2);
		expect(server.requests[1].headers['x-2fa-code']).toBe(passwordCode);
		expect(server.jsonBody(1)).toEqual(server.jsonBody(0));
	});

	test('without a credential method there is nothing to answer: one request, the 2FA hint', async () => {
		server.on('GET /api/v1/users.info', () => challenge);
		const result = await runRocketChat({ parameters: getUser, credential: credential() });
		expect(server.requests).toHaveLength(1);
		expect((result.error as { description: string }).description).toContain('This operation needs a two-factor code');
	});

	test('a newer server gating users.createToken: the credential answers it', async () => {
		const sim = await startSimulator({ users: 3, createTokenSecret: 'S', extraTwoFactorGates: ['/api/v1/users.createToken'] });
		try {
			const parameters = { resource: 'user', operation: 'createToken', user: { __rl: true, mode: 'id', value: sim.plainUser.userId }, secret: 'S' };
			const refused = await runRocketChat({ parameters, credential: credentialFor(sim, sim.admin) });
			expect((refused.error as { description: string }).description).toContain('two-factor code');
			const answered = await runRocketChat({ parameters, credential: credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password }) });
			expect(answered.status).toBe('success');
			expect(answered.json('Rocket.Chat')[0]).toMatchObject({ userId: sim.plainUser.userId });
		} finally {
			await sim.close();
		}
	});

	test('the Password method against an account with TOTP on: the hint names the method the server wants', async () => {
		const sim = await startSimulator({ users: 3 });
		try {
			const result = await runRocketChat({
				parameters: { resource: 'user', operation: 'update', user: { __rl: true, mode: 'id', value: sim.plainUser.userId }, updateFields: { nickname: 'x' } },
				credential: credentialFor(sim, sim.totpUser, { twoFactorMethod: 'password', password: sim.totpUser.password }),
			});
			const description = (result.error as { description: string }).description;
			expect(description).toContain('The account has TOTP (authenticator app) two-factor authentication on');
			expect(description).toContain("the credential's Password method only works for accounts without e-mail or TOTP two-factor authentication");
		} finally {
			await sim.close();
		}
	});
});

describe('Device Management without the Enterprise licence, by version', () => {
	const node: INode = { id: '1', name: 'Rocket.Chat', type: 'n8n-nodes-rocketchat.rocketChat', typeVersion: 1, position: [0, 0], parameters: {} };
	const listAll = { method: 'GET' as const, path: '/api/v1/sessions/list.all', permission: 'view-device-management' };
	const hint = (status: number, body: IDataObject) => apiError(node, listAll, status, body, 0).description ?? '';

	test.each([
		['7.10: 401 unauthorized', 401, { success: false, error: 'unauthorized' }],
		['a 403 forbidden', 403, { success: false, error: 'forbidden' }],
		['8.x licence middleware: 400 error-action-not-allowed', 400, { success: false, error: 'This is an enterprise feature [error-action-not-allowed]', errorType: 'error-action-not-allowed', details: { method: 'sessions/list.all' } }],
	])('%s gets the licence hint', (_name, status, body) => {
		expect(hint(status, body)).toContain('lacks the Enterprise "device-management" licence');
	});

	test.each([
		['7.10', { success: false, status: 'error', error: 'You must be logged in to do this.', message: 'You must be logged in to do this.' }],
		['8.x', { success: false, error: 'You must be logged in to do this.' }],
	])('a bad token at %s still gets the bad-token hint', (_version, body) => {
		expect(hint(401, body)).toMatch(/^Check the User ID and Auth Token/);
	});

	test('a missing permission keeps the permission hint', () => {
		expect(hint(403, { success: false, error: 'User does not have the permissions required for this action [error-forbidden]' })).toContain('"view-device-management" permission');
	});

	test('the simulator without the licence, through the node', async () => {
		const sim = await startSimulator({ users: 3, deviceManagementLicence: false });
		try {
			const result = await runRocketChat({
				parameters: { resource: 'deviceManagement', operation: 'getManyOwn', returnAll: false, limit: 5 },
				credential: credentialFor(sim),
			});
			expect((result.error as { description: string }).description).toContain('lacks the Enterprise "device-management" licence');
		} finally {
			await sim.close();
		}
	});
});
