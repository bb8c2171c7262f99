import type { IDataObject, INode } from 'n8n-workflow';
import { apiError, rateLimitWaitMs, type ErrorContext } from '../../nodes/RocketChat/transport/errors';
import { readRefusal, splitServerText } from '../../nodes/RocketChat/transport/refusals';
import type { RequestSpec } from '../../nodes/RocketChat/transport/spec';

/**
 * Each refusal as 8.x and 9.0 answer it (bodies from the server source: ApiClass, the permissions and licence
 * middlewares, users.ts; 9.0's remap of error-not-allowed & co. to 403 error-forbidden from #43214). The hint must
 * name the same cause whatever the status and errorType.
 */
const node: INode = { id: '1', name: 'Rocket.Chat', type: 'n8n-nodes-rocketchat.rocketChat', typeVersion: 1, position: [0, 0], parameters: {} };
const hint = (spec: RequestSpec, status: number, body: IDataObject, context?: ErrorContext) => apiError(node, spec, status, body, 0, context).description ?? '';

/** Meteor.Error(code, reason) thrown in a route: 400 with its code on 8.x, 403 error-forbidden on 9.0 for the remapped codes. */
const at8 = (reason: string, code: string): [number, IDataObject] => [400, { success: false, error: `${reason} [${code}]`, errorType: code }];
const at9 = (reason: string, code: string): [number, IDataObject] => [403, { success: false, error: `${reason} [${code}]`, errorType: 'error-forbidden' }];

const setStatusOther: RequestSpec = { method: 'POST', path: '/api/v1/users.setStatus', permission: 'edit-other-user-info' };
const setStatusOwn: RequestSpec = { method: 'POST', path: '/api/v1/users.setStatus' };
const setAvatarOwn: RequestSpec = { method: 'POST', path: '/api/v1/users.setAvatar' };
const listAll: RequestSpec = { method: 'GET', path: '/api/v1/sessions/list.all', permission: 'view-device-management' };
const generatePat: RequestSpec = { method: 'POST', path: '/api/v1/users.generatePersonalAccessToken', permission: 'create-personal-access-tokens' };
const deleteOwn: RequestSpec = {
	method: 'POST',
	path: '/api/v1/users.deleteOwnAccount',
	refusal: 'The workspace setting "Allow Users to Delete Own Account" (Accounts_AllowDeleteOwnAccount) is off.',
};

describe('the server text names the cause, at 8.x and 9.0 alike', () => {
	test.each([
		['8.x', ...at8('Change status is not allowed', 'error-not-allowed')],
		['9.0', ...at9('Change status is not allowed', 'error-not-allowed')],
	] as const)('a status change refused by the setting (%s) is the setting, not a permission', (_version, status, body) => {
		// Even when the operation targets another user and so has a permission to name.
		for (const spec of [setStatusOwn, setStatusOther]) {
			const text = hint(spec, status, body);
			expect(text).toContain('"Allow Custom Status Message" (Accounts_AllowUserStatusMessageChange) is off');
			expect(text).toContain('not a missing permission');
			expect(text).not.toContain('needs the "edit-other-user-info" permission');
		}
	});

	test.each([
		['8.x', ...at8('Change avatar is not allowed', 'error-not-allowed')],
		['9.0', ...at9('Change avatar is not allowed', 'error-not-allowed')],
	] as const)('an avatar change refused by the setting (%s) names the setting and who bypasses it', (_version, status, body) => {
		const text = hint(setAvatarOwn, status, body);
		expect(text).toContain('Accounts_AllowUserAvatarChange');
		expect(text).toContain('"edit-other-user-avatar" permission are not refused');
	});

	test.each([
		['8.x and 9.0: the permissions middleware', 403, { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' }],
		['9.0: a route throwing error-unauthorized answers 401', 401, { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' }],
	] as const)('a missing permission (%s) names the permission, not the token', (_case, status, body) => {
		const text = hint(listAll, status, body);
		expect(text).toBe('The credential\'s user needs the "view-device-management" permission for this operation.');
	});

	test.each([
		['8.x', ...at8('Not Authorized', 'not-authorized')],
		['9.0', ...at9('Not Authorized', 'not-authorized')],
	] as const)('the personal-access-token refusal (%s) names create-personal-access-tokens', (_version, status, body) => {
		expect(hint(generatePat, status, body)).toContain('"create-personal-access-tokens" permission');
	});

	test.each([
		['8.x', ...at8('Not allowed', 'error-not-allowed')],
		['9.0', ...at9('Not allowed', 'error-not-allowed')],
	] as const)('a bare "Not allowed" (%s) is what the operation says it means (Delete Own Account: the setting)', (_version, status, body) => {
		expect(hint(deleteOwn, status, body)).toBe(deleteOwn.refusal);
	});

	test('a bare "Not allowed" on an operation with a permission names the permission (Set Active Status)', () => {
		const spec: RequestSpec = { method: 'POST', path: '/api/v1/users.setActiveStatus', permission: 'edit-other-user-active-status' };
		expect(hint(spec, ...at9('Not allowed', 'error-not-allowed'))).toContain('"edit-other-user-active-status" permission');
	});

	test('"Reset avatar is not allowed" names both causes: the setting for the own avatar, the permission for another user', () => {
		const text = hint({ method: 'POST', path: '/api/v1/users.resetAvatar', permission: 'edit-other-user-avatar' }, ...at9('Reset avatar is not allowed', 'error-not-allowed'));
		expect(text).toContain('Accounts_AllowUserAvatarChange');
		expect(text).toContain('"edit-other-user-avatar" permission instead');
	});

	test.each([
		['Edit user real name is not allowed', 'Accounts_AllowRealNameChange'],
		['Edit username is not allowed', 'Accounts_AllowUsernameChange'],
		['Edit user email is not allowed', 'Accounts_AllowEmailChange'],
		['Edit user profile is not allowed', 'Accounts_AllowUserProfileChange'],
		['Password reset is not enabled', 'Accounts_PasswordReset'],
		['Two factor authentication is not enabled', 'Accounts_TwoFactorAuthentication_Enabled'],
		['Invisible status is disabled', 'Accounts_AllowInvisibleStatusOption'],
	])('"%s" names %s', (reason, settingId) => {
		const spec: RequestSpec = { method: 'POST', path: '/api/v1/users.update', permission: 'edit-other-user-info' };
		expect(hint(spec, 400, { success: false, error: `${reason} [error-action-not-allowed]`, errorType: 'error-action-not-allowed' })).toContain(`(${settingId}) is off`);
	});

	test.each([
		['Editing user is not allowed', 'edit-other-user-info'],
		['Adding user is not allowed', 'create-user'],
		['Assigning admin is not allowed', 'assign-admin-role'],
	])('"%s" names the %s permission', (reason, permission) => {
		const spec: RequestSpec = { method: 'POST', path: '/api/v1/users.setPreferences' };
		expect(hint(spec, 400, { success: false, error: `${reason} [error-action-not-allowed]`, errorType: 'error-action-not-allowed' })).toContain(`"${permission}" permission`);
	});
});

describe('the licence', () => {
	test.each([
		['8.x and 9.0: the licence middleware', 400, { success: false, error: 'This is an enterprise feature [error-action-not-allowed]', errorType: 'error-action-not-allowed' }],
		['7.x: unauthorized() inside the route', 401, { success: false, error: 'unauthorized' }],
		['a bare 403', 403, { success: false, error: 'forbidden' }],
	] as const)('%s → the device-management licence', (_case, status, body) => {
		expect(hint(listAll, status, body)).toContain('lacks the Enterprise "device-management" licence');
	});

	test('the licence text on another route names a licence, not a permission', () => {
		expect(hint(setStatusOwn, 400, { success: false, error: 'This is an enterprise feature [error-action-not-allowed]', errorType: 'error-action-not-allowed' })).toMatch(/^The workspace lacks the Enterprise licence/);
	});
});

describe('a bad token', () => {
	test.each([
		['7.x/8.x', { success: false, status: 'error', error: 'You must be logged in to do this.', message: 'You must be logged in to do this.' }],
		['9.0', { success: false, error: 'You must be logged in to do this.' }],
	])('%s body → the token hint, on Device Management too', (_version, body) => {
		for (const spec of [listAll, setStatusOwn]) expect(hint(spec, 401, body)).toMatch(/^Check the User ID and Auth Token/);
	});
});

describe('two-factor: the 8.5 LTS regression', () => {
	const update: RequestSpec = { method: 'POST', path: '/api/v1/users.update', permission: 'edit-other-user-info', twoFactor: {} };
	const challenge = { success: false, error: 'TOTP Required [totp-required]', errorType: 'totp-required', details: { method: 'password', availableMethods: [] } };

	test('with the credential method None, totp-required says 8.5.x challenges "Ignore 2FA" tokens and what works there', () => {
		const text = hint(update, 400, challenge, { twoFactorMethod: 'none' });
		expect(text).toContain('Rocket.Chat 8.5.x');
		expect(text).toContain("only the credential's Password or TOTP Secret method works");
	});

	test('with a Password or TOTP method the 8.5 note is left out', () => {
		expect(hint(update, 400, challenge, { twoFactorMethod: 'password' })).not.toContain('most likely on Rocket.Chat 8.5.x');
	});
});

describe('rate limits', () => {
	test("the limiter's text says how long to wait (every version, also when a proxy drops the headers)", () => {
		expect(rateLimitWaitMs('Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]')).toBe(42_000);
		expect(rateLimitWaitMs('Too many requests')).toBeUndefined();
	});

	test('a 429 names the route and its limit from X-RateLimit-Limit', () => {
		const text = hint(setStatusOwn, 429, { success: false, error: "Rocket.Chat's rate limit resets in 55 s, longer than the allowed wait" }, { headers: { 'x-ratelimit-limit': '5' } });
		expect(text).toContain('allows 5 calls to users.setStatus per window');
		expect(text).toContain('Max Rate Limit Wait');
	});
});

describe('reading the text', () => {
	test('reason and code', () => {
		expect(splitServerText('Change status is not allowed [error-not-allowed]')).toEqual({ reason: 'Change status is not allowed', code: 'error-not-allowed' });
		expect(splitServerText('forbidden')).toEqual({ reason: 'forbidden' });
	});

	test('validation and not-found answers are not refusals', () => {
		expect(readRefusal(400, "must have required property 'userId' [invalid-params]", 'invalid-params')).toBeUndefined();
		expect(readRefusal(400, 'User not found.', '')).toBeUndefined();
		expect(readRefusal(403, 'forbidden', '')).toEqual({ kind: 'unnamed' });
	});
});

describe('an endpoint the server does not have yet', () => {
	test('a 404 on an operation with `since` says from which release the endpoint exists', () => {
		const spec: RequestSpec = { method: 'GET', path: '/api/v1/users.totp.codesRemaining', since: '8.8' };
		expect(hint(spec, 404, { success: false, error: 'Not found' })).toBe(
			'This endpoint (users.totp.codesRemaining) exists from Rocket.Chat 8.8 on: the server is older (GET /api/info shows its version).',
		);
		expect(hint({ method: 'GET', path: '/api/v1/users.info' }, 404, { success: false, error: 'Not found' })).toBe('');
	});
});
