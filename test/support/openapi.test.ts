import * as path from 'path';
import { loadOpenApiContract, openApiSkipReason, USERNAME_FOR_USER_ID, type ContractRequest, type OpenApiContract } from './openapi';

const contract = loadOpenApiContract();

function spec(): OpenApiContract {
	if (!contract) throw new Error(openApiSkipReason);
	return contract;
}

const AUTH = { 'X-User-Id': 'fakeUserId', 'X-Auth-Token': 'fakeAuthToken' };
const AUTH_2FA = { ...AUTH, 'x-2fa-code': '123456', 'x-2fa-method': 'totp' };
const JSON_CT = 'application/json';
const PAGE = { offset: '0', count: '50' };

type Row = [id: string, method: string, path: string, query: ContractRequest['query'], headers: ContractRequest['headers'], body: unknown];

/** One valid request per endpoint of docs/endpoints.md (D1-D6, U1-U42). */
const VALID_REQUESTS: Row[] = [
	['D1', 'GET', '/api/v1/sessions/info', { sessionId: 'sess1' }, AUTH, undefined],
	['D2', 'GET', '/api/v1/sessions/info.admin', { sessionId: 'sess1' }, AUTH, undefined],
	['D3', 'GET', '/api/v1/sessions/list', { ...PAGE, filter: 'chrome', sort: '{"loginAt":-1}' }, AUTH, undefined],
	['D4', 'GET', '/api/v1/sessions/list.all', { ...PAGE, filter: 'chrome' }, AUTH_2FA, undefined],
	['D5', 'POST', '/api/v1/sessions/logout', undefined, AUTH_2FA, { sessionId: 'sess1' }],
	['D6', 'POST', '/api/v1/sessions/logout.me', undefined, AUTH, { sessionId: 'sess1' }],
	['U1', 'GET', '/api/v1/avatar/alice', { format: 'png', size: '64' }, {}, undefined],
	['U2', 'GET', '/api/v1/users.autocomplete', { selector: JSON.stringify({ term: 'ali', exceptions: ['bob'] }) }, AUTH, undefined],
	['U3', 'GET', '/api/v1/users.checkUsernameAvailability', { username: 'alice' }, AUTH, undefined],
	['U4', 'GET', '/api/v1/users.getAvatar', { userId: 'u1' }, AUTH, undefined],
	['U5', 'GET', '/api/v1/users.getPersonalAccessTokens', undefined, AUTH, undefined],
	['U6', 'GET', '/api/v1/users.getPreferences', undefined, AUTH, undefined],
	['U7', 'GET', '/api/v1/users.getPresence', { userId: 'u1' }, AUTH, undefined],
	['U8', 'GET', '/api/v1/users.getStatus', { userId: 'u1' }, AUTH, undefined],
	['U9', 'GET', '/api/v1/users.getUsernameSuggestion', undefined, AUTH, undefined],
	['U10', 'GET', '/api/v1/users.info', { username: 'alice', includeUserRooms: 'true' }, AUTH, undefined],
	['U11', 'GET', '/api/v1/users.list', { ...PAGE, query: '{"active":true}', fields: '{"username":1}', sort: '{"name":1}', email: 'a@b.c' }, AUTH, undefined],
	[
		'U12', 'GET', '/api/v1/users.listByStatus',
		{ ...PAGE, sort: '{"name":1}', status: 'active', hasLoggedIn: 'true', type: 'user', 'roles[]': ['admin', 'user'], searchTerm: 'al', 'inactiveReason[]': 'deactivated' },
		AUTH, undefined,
	],
	['U13', 'GET', '/api/v1/users.listTeams', { userId: 'u1' }, AUTH, undefined],
	['U14', 'GET', '/api/v1/users.presence', { from: '2024-01-01T00:00:00.000Z', ids: 'u1,u2' }, AUTH, undefined],
	['U15', 'GET', '/api/v1/users.requestDataDownload', { fullExport: 'true' }, AUTH, undefined],
	['U16', 'POST', '/api/v1/users.sendWelcomeEmail', undefined, AUTH, { email: 'alice@example.com' }],
	['U17', 'POST', '/api/v1/moderation.reportUser', undefined, AUTH, { userId: 'u1', description: 'spam' }],
	['U18', 'POST', '/api/v1/users.2fa.disableEmail', undefined, AUTH_2FA, undefined],
	['U19', 'POST', '/api/v1/users.2fa.enableEmail', undefined, AUTH, undefined],
	['U20', 'POST', '/api/v1/users.2fa.sendEmailCode', undefined, {}, { emailOrUsername: 'alice' }],
	[
		'U21', 'POST', '/api/v1/users.create', undefined, AUTH,
		{ name: 'Alice', email: 'alice@example.com', password: 'pw', username: 'alice', active: true, roles: ['user'], customFields: { team: 'a' } },
	],
	['U22', 'POST', '/api/v1/users.createToken', undefined, AUTH, { userId: 'u1', secret: 's3cret' }],
	['U23', 'POST', '/api/v1/users.deactivateIdle', undefined, AUTH, { daysIdle: 30, role: 'user' }],
	['U24', 'POST', '/api/v1/users.delete', undefined, AUTH, { userId: 'u1', confirmRelinquish: true }],
	['U25', 'POST', '/api/v1/users.deleteOwnAccount', undefined, AUTH, { password: 'a'.repeat(64), confirmRelinquish: false }],
	['U26', 'POST', '/api/v1/users.forgotPassword', undefined, {}, { email: 'alice@example.com' }],
	['U27', 'POST', '/api/v1/users.generatePersonalAccessToken', undefined, AUTH_2FA, { tokenName: 'ci', bypassTwoFactor: false }],
	['U28', 'POST', '/api/v1/users.logout', undefined, AUTH, { userId: 'u1' }],
	['U29', 'POST', '/api/v1/users.logoutOtherClients', undefined, AUTH, undefined],
	['U30', 'POST', '/api/v1/users.regeneratePersonalAccessToken', undefined, AUTH, { tokenName: 'ci' }],
	['U31', 'POST', '/api/v1/users.register', undefined, {}, { username: 'alice', email: 'alice@example.com', pass: 'pw', name: 'Alice' }],
	['U32', 'POST', '/api/v1/users.removeOtherTokens', undefined, AUTH, undefined],
	['U33', 'POST', '/api/v1/users.removePersonalAccessToken', undefined, AUTH, { tokenName: 'ci' }],
	['U34', 'POST', '/api/v1/users.resetAvatar', undefined, AUTH, { userId: 'u1' }],
	['U35', 'POST', '/api/v1/users.resetE2EKey', undefined, AUTH_2FA, { userId: 'u1' }],
	['U36', 'POST', '/api/v1/users.resetTOTP', undefined, AUTH_2FA, { userId: 'u1' }],
	['U37', 'POST', '/api/v1/users.setActiveStatus', undefined, AUTH, { activeStatus: false, userId: 'u1', confirmRelinquish: true }],
	['U38', 'POST', '/api/v1/users.setAvatar', undefined, AUTH, { avatarUrl: 'https://example.com/a.png', userId: 'u1' }],
	['U39', 'POST', '/api/v1/users.setPreferences', undefined, AUTH, { userId: 'u1', data: { language: 'en', clockMode: 1, highlights: ['urgent'] } }],
	['U40', 'POST', '/api/v1/users.setStatus', undefined, AUTH, { message: 'lunch', status: 'away' }],
	['U41', 'POST', '/api/v1/users.update', undefined, AUTH_2FA, { userId: 'u1', data: { name: 'Alice', roles: ['user'], verified: true } }],
	['U42', 'POST', '/api/v1/users.updateOwnBasicInfo', undefined, AUTH, { data: { name: 'Alice', statusText: 'hi' } }],
];

const toRequest = ([, method, urlPath, query, headers, body]: Row): ContractRequest => ({
	method, path: urlPath, query, headers, body, contentType: body === undefined ? undefined : JSON_CT,
});

test('loadOpenApiContract returns undefined (no throw) when the files are missing', () => {
	const before = process.env.ROCKETCHAT_OPENAPI_DIR;
	process.env.ROCKETCHAT_OPENAPI_DIR = path.join(__dirname, 'no-such-openapi-dir');
	try {
		expect(loadOpenApiContract()).toBeUndefined();
	} finally {
		if (before === undefined) delete process.env.ROCKETCHAT_OPENAPI_DIR;
		else process.env.ROCKETCHAT_OPENAPI_DIR = before;
	}
	expect(openApiSkipReason).toMatch(/ROCKETCHAT_OPENAPI_DIR/);
});

if (!contract) {
	console.log(openApiSkipReason);
	test.skip(`OpenAPI contract tests: ${openApiSkipReason}`, () => undefined);
}

(contract ? describe : describe.skip)('OpenAPI contract validator', () => {
	test('the table covers 48 distinct operations', () => {
		const ids = VALID_REQUESTS.map(([, method, urlPath]) => spec().findOperation(method, urlPath)?.operationId);
		expect(ids).not.toContain(undefined);
		expect(new Set(ids).size).toBe(48);
	});

	test.each(VALID_REQUESTS)('%s %s %s: valid request has no violations', (...row) => {
		expect(spec().validateRequest(toRequest(row))).toEqual([]);
	});

	test('findOperation resolves templates and files', () => {
		expect(spec().findOperation('get', '/api/v1/avatar/alice')).toEqual({
			file: 'user-management.yaml', template: '/api/v1/avatar/{subject}', operationId: 'get-api-v1-avatar-subject',
		});
		expect(spec().findOperation('POST', '/api/v1/users.2fa.enableEmail')?.file).toBe('authentication.yaml');
		expect(spec().findOperation('GET', '/api/v1/sessions/list')?.file).toBe('settings.yaml');
		expect(spec().findOperation('GET', '/api/v1/users.nope')).toBeUndefined();
	});

	test('multipart avatar upload with a binary file part', () => {
		const image = { filename: 'a.png', contentType: 'image/png', data: Buffer.from([1, 2, 3]) };
		const req = { method: 'POST', path: '/api/v1/users.setAvatar', headers: AUTH, contentType: 'multipart/form-data; boundary=x' };
		expect(spec().validateRequest({ ...req, body: { image, userId: 'u1' } })).toEqual([]);
		expect(spec().validateRequest({ ...req, body: { image: 'not-a-file' } }).join('\n')).toMatch(/"image" must be a file part/);
		expect(spec().validateRequest({ ...req, body: { userId: 'u1' } }).join('\n')).toMatch(/missing required property "image"/);
	});

	test('tolerated quirks: users.getAvatar without auth, header names case-insensitive, @channel avatar', () => {
		expect(spec().validateRequest({ method: 'GET', path: '/api/v1/users.getAvatar', query: { userId: 'u1' } })).toEqual([]);
		const lower = { 'x-user-id': 'u', 'x-auth-token': 't', 'X-2FA-CODE': '1', 'X-2fa-Method': 'totp' };
		expect(spec().validateRequest({ method: 'POST', path: '/api/v1/users.2fa.disableEmail', headers: lower })).toEqual([]);
		expect(spec().validateRequest({ method: 'GET', path: '/api/v1/avatar/%40general' })).toEqual([]);
	});

	describe('named exception: username in place of userId', () => {
		const byUsername: Array<[string, ContractRequest]> = [
			['users.getAvatar', { method: 'GET', path: '/api/v1/users.getAvatar', query: { username: 'jane' }, headers: AUTH }],
			['users.getPresence', { method: 'GET', path: '/api/v1/users.getPresence', query: { username: 'jane' }, headers: AUTH }],
			['users.getStatus', { method: 'GET', path: '/api/v1/users.getStatus', query: { username: 'jane' }, headers: AUTH }],
			['users.resetAvatar', { method: 'POST', path: '/api/v1/users.resetAvatar', headers: AUTH, contentType: JSON_CT, body: { username: 'jane' } }],
		];

		test('covers exactly these four operations, each with a reason', () => {
			expect(Object.keys(USERNAME_FOR_USER_ID).sort()).toEqual(
				byUsername.map(([, req]) => `${req.method} ${req.path}`).sort(),
			);
			for (const { reason } of Object.values(USERNAME_FOR_USER_ID)) expect(reason).toMatch(/^U\d+: .{10,}/);
		});

		test.each(byUsername)('%s accepts username', (_name, req) => {
			expect(spec().validateRequest(req)).toEqual([]);
		});

		test.each(byUsername)('%s still refuses another unknown parameter, and username next to userId', (_name, req) => {
			const wrongKey = req.query ? { ...req, query: { user: 'jane' } } : { ...req, body: { user: 'jane' } };
			expect(spec().validateRequest(wrongKey)).not.toEqual([]);
			if (req.query) {
				const both = { ...req, query: { userId: 'u1', username: 'jane' } };
				expect(spec().validateRequest(both)).toEqual([expect.stringMatching(/unknown query parameter "username"/)]);
				const extra = { ...req, query: { username: 'jane', user_name: 'jane' } };
				expect(spec().validateRequest(extra)).toEqual([expect.stringMatching(/unknown query parameter "user_name"/)]);
			}
		});

		test('not on other operations: users.listTeams (userId only) refuses username', () => {
			const req = { method: 'GET', path: '/api/v1/users.listTeams', query: { username: 'jane' }, headers: AUTH };
			expect(spec().validateRequest(req).join('\n')).toMatch(/unknown query parameter "username"/);
		});
	});

	const invalid: Array<[string, ContractRequest, RegExp]> = [
		['unknown query param user_id', { method: 'GET', path: '/api/v1/users.info', query: { user_id: 'u1' }, headers: AUTH }, /unknown query parameter "user_id" \(did you mean "userId"\?\)/],
		['missing sessionId', { method: 'GET', path: '/api/v1/sessions/info', headers: AUTH }, /missing required query parameter "sessionId"/],
		['daysIdle as string', { method: 'POST', path: '/api/v1/users.deactivateIdle', headers: AUTH, contentType: JSON_CT, body: { daysIdle: '30' } }, /request body\/daysIdle: must be integer/],
		['unknown path', { method: 'GET', path: '/api/v1/users.nope', headers: AUTH }, /no operation GET \/api\/v1\/users\.nope/],
		['wrong method', { method: 'GET', path: '/api/v1/users.create', headers: AUTH }, /path exists for: POST/],
		['query string in path', { method: 'GET', path: '/api/v1/users.info?userId=u1', headers: AUTH }, /not in `path`/],
		['missing auth header', { method: 'GET', path: '/api/v1/users.info', headers: { 'X-User-Id': 'u' } }, /missing required header "X-Auth-Token"/],
		['missing required 2FA header', { method: 'POST', path: '/api/v1/users.update', headers: AUTH, contentType: JSON_CT, body: { userId: 'u1', data: {} } }, /missing required header "x-2fa-code"/],
		['count not an integer', { method: 'GET', path: '/api/v1/users.list', query: { count: 'ten' }, headers: AUTH }, /"count": must be integer/],
		['boolean query not a boolean', { method: 'GET', path: '/api/v1/users.requestDataDownload', query: { fullExport: 'yes' }, headers: AUTH }, /"fullExport": must be boolean/],
		['roles instead of roles[]', { method: 'GET', path: '/api/v1/users.listByStatus', query: { roles: 'admin' }, headers: AUTH }, /unknown query parameter "roles" \(did you mean "roles\[\]"\?\)/],
		['repeated scalar param', { method: 'GET', path: '/api/v1/users.info', query: { userId: ['a', 'b'] }, headers: AUTH }, /given 2 times/],
		['selector not JSON', { method: 'GET', path: '/api/v1/users.autocomplete', query: { selector: 'ali' }, headers: AUTH }, /must be a JSON string/],
		['selector JSON but not an object', { method: 'GET', path: '/api/v1/users.autocomplete', query: { selector: '"ali"' }, headers: AUTH }, /"selector": must be object/],
		['missing body', { method: 'POST', path: '/api/v1/users.create', headers: AUTH }, /missing request body \(required: name, email, password, username\)/],
		['missing required body field', { method: 'POST', path: '/api/v1/users.createToken', headers: AUTH, contentType: JSON_CT, body: { userId: 'u1' } }, /missing required property "secret"/],
		['unsupported content type', { method: 'POST', path: '/api/v1/users.resetAvatar', headers: AUTH, contentType: 'text/plain', body: 'u1' }, /content type "text\/plain" not accepted/],
		['body where none is declared', { method: 'POST', path: '/api/v1/users.2fa.enableEmail', headers: AUTH, contentType: JSON_CT, body: { x: 1 } }, /declares none/],
	];
	test.each(invalid)('invalid request: %s', (_name, req, expected) => {
		const violations = spec().validateRequest(req);
		expect(violations.join('\n')).toMatch(expected);
	});

	test('responses: valid and invalid bodies', () => {
		const ok = (status: number, body: unknown, method = 'GET', urlPath = '/api/v1/users.info') =>
			spec().validateResponse({ method, path: urlPath, status, contentType: 'application/json; charset=utf-8', body });

		expect(ok(200, { user: { _id: 'u1', username: 'alice', roles: ['user'], active: true, utcOffset: 0 }, success: true })).toEqual([]);
		const bad = ok(200, { user: { _id: 1, roles: 'user' }, success: 'yes' });
		expect(bad[0]).toMatch(/top-level keys not matching the schema: user, success/);
		expect(bad).toEqual(expect.arrayContaining([expect.stringMatching(/response body\/user\/_id: must be string/), expect.stringMatching(/response body\/success: must be boolean/)]));

		expect(ok(200, { sessions: [{ sessionId: 's', device: { os: { name: 'Linux' } } }], total: 1, count: 1, offset: 0, success: true }, 'GET', '/api/v1/sessions/list')).toEqual([]);
		expect(ok(200, { sessions: [], total: '1', success: true }, 'GET', '/api/v1/sessions/list')[0]).toMatch(/keys not matching the schema: total$/);
		expect(ok(401, { status: 'error', message: 'You must be logged in to do this.' })).toEqual([]);
		expect(ok(418, {})[0]).toMatch(/status 418 not declared/);
		expect(ok(200, { status: 'success' }, 'POST', '/api/v1/users.forgotPassword')).toEqual([]);
	});

	test('responses: users.update inactiveReason may be null (named exception), other wrong types still fail', () => {
		const update = (inactiveReason: unknown) =>
			spec().validateResponse({ method: 'POST', path: '/api/v1/users.update', status: 200, contentType: JSON_CT, body: { user: { _id: 'u1', inactiveReason }, success: true } });
		expect(update(null)).toEqual([]);
		expect(update('deactivated')).toEqual([]);
		expect(update(42).join('\n')).toMatch(/user\/inactiveReason: must be string,null/);
	});

	test('responses: binary avatars only check the status', () => {
		const avatar = { method: 'GET', path: '/api/v1/avatar/alice', contentType: 'image/png', body: Buffer.from('png') };
		expect(spec().validateResponse({ ...avatar, status: 200 })).toEqual([]);
		expect(spec().validateResponse({ ...avatar, status: 404 })[0]).toMatch(/status 404 not declared/);
	});
});
