// The engine must be imported before anything that loads n8n-core (it sets N8N_USER_FOLDER first).
import { runRocketChat } from '../support/nodeRun';

import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { FakeServer } from '../support/fakeServer';
import { sha256Hex, totp, decodeBase32 } from '../../nodes/RocketChat/transport/twoFactor';

const TOKEN = 'tok-very-secret-123';
const PASSWORD = 'pass-very-secret-456';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const server = new FakeServer();

const credential = (extra: IDataObject = {}) => ({
	serverUrl: `${server.url}/api/v1/`, // pasted with /api/v1 and a trailing slash on purpose
	userId: 'admin-id',
	authToken: TOKEN,
	twoFactorMethod: 'none',
	...extra,
});

const users = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ _id: `u${index}`, username: `user${index}`, active: true }));

function listHandler(all: IDataObject[], key: string) {
	return (request: { query: URLSearchParams }) => {
		const offset = Number(request.query.get('offset') ?? 0);
		const count = Math.min(Number(request.query.get('count') ?? 50), 100);
		const page = all.slice(offset, offset + count);
		return { json: { [key]: page, count: page.length, offset, total: all.length, success: true } };
	};
}

const getUser = (lookupValue = '={{ $json.id }}') => ({
	resource: 'user',
	operation: 'get',
	lookup: 'userId',
	lookupValue,
});

beforeAll(async () => {
	await server.start();
});
afterAll(async () => {
	await server.stop();
});
beforeEach(() => server.reset());

describe('the node in n8n-core, against a loopback server', () => {
	test('sends the credential headers, resolves expressions per item, pairs every output item', async () => {
		server.on('GET /api/v1/users.info', (request) => ({
			json: { user: { _id: request.query.get('userId'), username: 'jane' }, success: true },
		}));
		const result = await runRocketChat({
			parameters: getUser(),
			credential: credential(),
			inputItems: [{ json: { id: 'a1' } }, { json: { id: 'b2' } }],
		});
		expect(result.status).toBe('success');
		const [items] = result.output('Rocket.Chat');
		expect(items.map((item) => item.json)).toEqual([
			{ _id: 'a1', username: 'jane' },
			{ _id: 'b2', username: 'jane' },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(server.requests).toHaveLength(2);
		for (const request of server.requests) {
			expect(request.path).toBe('/api/v1/users.info');
			expect(request.headers['x-user-id']).toBe('admin-id');
			expect(request.headers['x-auth-token']).toBe(TOKEN);
			// Not a 2FA-gated route: no code is sent.
			expect(request.headers['x-2fa-code']).toBeUndefined();
		}
	});

	test('Return All walks three pages and outputs one item per user, in order', async () => {
		const all = users(250);
		server.on('GET /api/v1/users.list', listHandler(all, 'users'));
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credential: credential(),
		});
		expect(result.status).toBe('success');
		expect(result.json('Rocket.Chat').map((user) => user._id)).toEqual(all.map((user) => user._id));
		expect(server.requests.map((request) => request.query.get('count'))).toEqual(['100', '100', '100']);
		expect(server.requests.every((request) => request.query.get('count') !== '0')).toBe(true);
	});

	test('a Limit that is not a multiple of the page size', async () => {
		server.on('GET /api/v1/users.list', listHandler(users(500), 'users'));
		const result = await runRocketChat({
			parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 130 },
			credential: credential(),
		});
		expect(result.json('Rocket.Chat')).toHaveLength(130);
		expect(server.requests.map((request) => [request.query.get('offset'), request.query.get('count')])).toEqual([
			['0', '100'],
			['100', '30'],
		]);
	});

	test('2FA-gated routes get the SHA-256 of the credential password', async () => {
		server.on('GET /api/v1/sessions/list.all', listHandler([{ _id: 's1', sessionId: 's1' }], 'sessions'));
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getAll', returnAll: true },
			credential: credential({ twoFactorMethod: 'password', password: PASSWORD }),
		});
		expect(result.status).toBe('success');
		expect(server.requests[0].headers['x-2fa-method']).toBe('password');
		expect(server.requests[0].headers['x-2fa-code']).toBe(sha256Hex(PASSWORD));
	});

	test('2FA-gated routes get a fresh TOTP code from the credential secret', async () => {
		server.on('GET /api/v1/sessions/info.admin', (request) => {
			const now = Date.now();
			const valid = [-30_000, 0, 30_000].map((skew) => totp(decodeBase32(TOTP_SECRET), now + skew));
			return valid.includes(String(request.headers['x-2fa-code']))
				? { json: { _id: 's1', sessionId: 's1', success: true } }
				: { status: 400, json: { success: false, error: 'TOTP Invalid [totp-invalid]', errorType: 'totp-invalid' } };
		});
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'get', sessionId: 's1' },
			credential: credential({ twoFactorMethod: 'totp', totpSecret: TOTP_SECRET }),
		});
		expect(result.status).toBe('success');
		expect(server.requests[0].headers['x-2fa-method']).toBe('totp');
		expect(result.json('Rocket.Chat')).toEqual([{ _id: 's1', sessionId: 's1' }]);
	});

	test('totp-required becomes an API error with a 2FA hint', async () => {
		server.on('GET /api/v1/sessions/list.all', () => ({
			status: 400,
			json: {
				success: false,
				error: 'TOTP Required [totp-required]',
				errorType: 'totp-required',
				details: { method: 'password', codeGenerated: false },
			},
		}));
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getAll', returnAll: true },
			credential: credential(),
		});
		expect(result.status).toBe('error');
		const error = result.nodeErrors['Rocket.Chat'] as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('TOTP Required [totp-required]');
		expect(error.description).toContain('Two-Factor Method');
		expect(error.description).toContain('"Two-Factor Override"');
		expect(error.httpCode).toBe('400');
	});

	test('401 from Device Management hints at the licence', async () => {
		server.on('GET /api/v1/sessions/list', () => ({ status: 401, json: { success: false, error: 'unauthorized' } }));
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'getManyOwn', returnAll: true },
			credential: credential(),
		});
		expect((result.nodeErrors['Rocket.Chat'] as NodeApiError).description).toContain('licence');
	});

	test('continueOnFail: failed items become error items, the others go on, all paired', async () => {
		server.on('GET /api/v1/users.info', (request) =>
			request.query.get('userId') === 'bad'
				? { status: 400, json: { success: false, error: 'User not found', errorType: 'error-invalid-user' } }
				: { json: { user: { _id: request.query.get('userId') }, success: true } },
		);
		const result = await runRocketChat({
			parameters: getUser(),
			credential: credential(),
			inputItems: [{ json: { id: 'ok1' } }, { json: { id: 'bad' } }, { json: { id: 'ok2' } }],
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		const [items] = result.output('Rocket.Chat');
		expect(items.map((item) => item.json)).toEqual([{ _id: 'ok1' }, { error: 'User not found' }, { _id: 'ok2' }]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Continue (using error output) routes failed items to the second output', async () => {
		server.on('GET /api/v1/users.info', (request) =>
			request.query.get('userId') === 'bad'
				? { status: 403, json: { success: false, error: 'not allowed [error-unauthorized]' } }
				: { json: { user: { _id: request.query.get('userId') }, success: true } },
		);
		const result = await runRocketChat({
			parameters: getUser(),
			credential: credential(),
			inputItems: [{ json: { id: 'ok1' } }, { json: { id: 'bad' } }],
			onError: 'continueErrorOutput',
		});
		const [success, failure] = result.output('Rocket.Chat');
		expect(success.map((item) => item.json)).toEqual([{ _id: 'ok1' }]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error).toBe('not allowed [error-unauthorized]');
		expect(failure[0].pairedItem).toEqual({ item: 1 });
	});

	test('a bad parameter is a clear error naming the field and the item', async () => {
		const result = await runRocketChat({
			parameters: getUser(),
			credential: credential(),
			inputItems: [{ json: { id: 'a' } }, { json: { id: '' } }],
			onError: 'continueRegularOutput',
		});
		const [items] = result.output('Rocket.Chat');
		expect(items[1].json.error).toBe('Value (item 1): a value is required');
		expect(server.requests).toHaveLength(1);
	});

	test('secrets never appear in outputs or errors', async () => {
		server.on('POST /api/v1/users.update', () => ({
			status: 400,
			json: { success: false, error: 'TOTP Invalid [totp-invalid]', errorType: 'totp-invalid' },
		}));
		server.on('GET /api/v1/users.info', () => ({ reset: true }));
		const creds = credential({ twoFactorMethod: 'password', password: PASSWORD });
		const updated = await runRocketChat({
			parameters: {
				resource: 'user',
				operation: 'update',
				user: { __rl: true, mode: 'id', value: 'u1' },
				updateFields: { name: 'New Name' },
			},
			credential: creds,
			onError: 'continueRegularOutput',
		});
		const broken = await runRocketChat({
			parameters: getUser('u1'),
			credential: { ...creds, twoFactorMethod: 'none' },
			onError: 'continueRegularOutput',
		});
		for (const result of [updated, broken]) {
			const everything = JSON.stringify(result.run) + JSON.stringify(result.nodeErrors, Object.getOwnPropertyNames(result.nodeErrors));
			expect(everything).not.toContain(TOKEN);
			expect(everything).not.toContain(PASSWORD);
			expect(everything).not.toContain(sha256Hex(PASSWORD));
			expect(result.json('Rocket.Chat')[0].error).toBeDefined();
		}
	});
});

/** Rocket.Chat's refusal by its rate limiter, with a reset `resetInMs` from now. */
const tooManyRequests = (resetInMs: number) => ({
	status: 429,
	headers: { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() + resetInMs) },
	json: { success: false, error: 'Error, too many requests. [error-too-many-requests]' },
});

/** Get User with Max Rate Limit Wait 1 s, which must end in the limiter's 429. */
async function getUserWithinOneSecondOfWaiting() {
	const result = await runRocketChat({
		parameters: { ...getUser('u1'), requestOptions: { maxRateLimitWait: 1 } },
		credential: credential(),
	});
	expect(result.status).toBe('error');
	expect((result.nodeErrors['Rocket.Chat'] as NodeApiError).httpCode).toBe('429');
}

describe('retries and rate limits', () => {
	test('a GET is retried after 503 and after a reset connection', async () => {
		let calls = 0;
		server.on('GET /api/v1/users.info', () => {
			calls++;
			if (calls === 1) return { status: 503, json: { success: false, error: 'unavailable' } };
			if (calls === 2) return { reset: true };
			return { json: { user: { _id: 'u1' }, success: true } };
		});
		const result = await runRocketChat({
			parameters: { ...getUser('u1'), requestOptions: { maxRetries: 3 } },
			credential: credential(),
		});
		expect(result.status).toBe('success');
		expect(calls).toBe(3);
	});

	test('a POST is not sent twice after a 503 or a reset connection', async () => {
		for (const reply of [{ status: 503, json: { success: false, error: 'unavailable' } }, { reset: true }]) {
			server.reset();
			server.on('POST /api/v1/sessions/logout.me', () => reply);
			const result = await runRocketChat({
				parameters: { resource: 'deviceManagement', operation: 'logoutOwn', sessionId: 's1' },
				credential: credential(),
				onError: 'continueRegularOutput',
			});
			expect(result.json('Rocket.Chat')[0].error).toBeDefined();
			expect(server.requests).toHaveLength(1);
		}
	});

	test('a 429 is waited out until X-RateLimit-Reset and resent, POST included', async () => {
		let calls = 0;
		let resetAt = 0;
		server.on('POST /api/v1/sessions/logout.me', () => {
			calls++;
			if (calls === 1) {
				resetAt = Date.now() + 300;
				return {
					status: 429,
					headers: { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) },
					json: { success: false, error: 'Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]' },
				};
			}
			return { json: { sessionId: 's1', success: true } };
		});
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'logoutOwn', sessionId: 's1' },
			credential: credential(),
		});
		expect(result.status).toBe('success');
		expect(calls).toBe(2);
		expect(server.requests).toHaveLength(2);
	});

	test('more than ten 429s in a row are waited out while the total wait stays within the bound', async () => {
		let calls = 0;
		server.on('POST /api/v1/sessions/logout.me', () => {
			calls++;
			if (calls <= 14) {
				return tooManyRequests(20);
			}
			return { json: { sessionId: 's1', success: true } };
		});
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'logoutOwn', sessionId: 's1', requestOptions: { maxRateLimitWait: 30 } },
			credential: credential(),
		});
		expect(result.status).toBe('success');
		expect(server.requests).toHaveLength(15);
	});

	test('repeated 429s stop once their waits would pass Max Rate Limit Wait for the request', async () => {
		server.on('GET /api/v1/users.info', () => tooManyRequests(400));
		await getUserWithinOneSecondOfWaiting();
		// Each wait is at least 400 ms: within 1 s in total, at most two resends.
		expect(server.requests.length).toBeGreaterThanOrEqual(2);
		expect(server.requests.length).toBeLessThanOrEqual(3);
	});

	test("without X-RateLimit headers (a proxy dropped them), the limiter's text sets the wait", async () => {
		const calls: number[] = [];
		server.on('POST /api/v1/sessions/logout.me', () => {
			calls.push(Date.now());
			if (calls.length === 1) {
				return { status: 429, json: { success: false, error: 'Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]' } };
			}
			return { json: { sessionId: 's1', success: true } };
		});
		const result = await runRocketChat({
			parameters: { resource: 'deviceManagement', operation: 'logoutOwn', sessionId: 's1' },
			credential: credential(),
		});
		expect(result.status).toBe('success');
		expect(server.requests).toHaveLength(2);
		// Resent after the second the server asked for, not after the shorter backoff.
		expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(950);
	});

	test("without headers, a wait in the limiter's text beyond Max Rate Limit Wait fails at once, naming the limiter", async () => {
		server.on('GET /api/v1/users.info', () => ({
			status: 429,
			json: { success: false, error: 'Error, too many requests. Please slow down. You must wait 58 seconds before trying this endpoint again. [error-too-many-requests]' },
		}));
		await getUserWithinOneSecondOfWaiting();
		expect(server.requests).toHaveLength(1);
	});

	test('a reset beyond the allowed wait fails with a rate-limit error instead of hanging', async () => {
		server.on('GET /api/v1/users.info', () => tooManyRequests(600_000));
		await getUserWithinOneSecondOfWaiting();
		expect(server.requests).toHaveLength(1);
	});

	test('Concurrency keeps the input order and pairing', async () => {
		server.on('GET /api/v1/users.info', async (request) => {
			const id = request.query.get('userId')!;
			await new Promise((resolve) => setTimeout(resolve, id === 'i0' ? 60 : 5));
			return { json: { user: { _id: id }, success: true } };
		});
		const inputItems = Array.from({ length: 6 }, (_, index) => ({ json: { id: `i${index}` } }));
		const result = await runRocketChat({
			parameters: { ...getUser(), requestOptions: { concurrency: 4 } },
			credential: credential(),
			inputItems,
		});
		const [items] = result.output('Rocket.Chat');
		expect(items.map((item) => item.json._id)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5']);
		expect(items.map((item) => item.pairedItem)).toEqual(inputItems.map((_, item) => ({ item })));
	});
});

describe('downloads that redirect', () => {
	const getUserAvatar = { resource: 'user', operation: 'getUserAvatar', user: { __rl: true, mode: 'username', value: 'jane' } };

	test('a redirect on the server itself keeps the credential (avatars may be blocked to anonymous visitors)', async () => {
		server.on('GET /api/v1/users.getAvatar', () => ({ status: 307, headers: { location: '/avatar/jane?format=png' }, json: '' }));
		server.on('GET /avatar/jane', () => ({ headers: { 'content-type': 'image/png' }, raw: Buffer.from('png-bytes') }));
		const result = await runRocketChat({ parameters: getUserAvatar, credential: credential(), inputItems: [{ json: {} }] });
		expect(result.status).toBe('success');
		expect(server.requests.map((request) => request.path)).toEqual(['/api/v1/users.getAvatar', '/avatar/jane']);
		expect(server.requests[1].query.get('format')).toBe('png');
		expect(server.requests[1].headers['x-auth-token']).toBe(TOKEN);
		expect(result.output('Rocket.Chat')[0][0].json).toMatchObject({ mimeType: 'image/png', fileSize: 9 });
	});

	test('a redirect loop ends with a clear error instead of hanging', async () => {
		server.on('GET /api/v1/users.getAvatar', () => ({ status: 307, headers: { location: '/api/v1/users.getAvatar?username=jane' }, json: '' }));
		const result = await runRocketChat({ parameters: getUserAvatar, credential: credential(), inputItems: [{ json: {} }] });
		expect(result.status).toBe('error');
		expect(String((result.error as Error).message)).toMatch(/redirect/i);
		expect(server.requests.length).toBe(6);
	});
});
