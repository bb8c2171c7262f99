import * as resetE2eKey from '../../nodes/RocketChat/actions/user/resetE2eKey';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Reset E2E Key (users.resetE2EKey)', () => {
	test('resets another user by ID (the default target), 2FA from the credential', () => {
		expect(buildRequest(resetE2eKey, { user: userRef('list', 'GonjPyg3gB3Z9ur9s') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.resetE2EKey',
			body: { userId: 'GonjPyg3gB3Z9ur9s' },
			twoFactor: {},
			permission: 'edit-other-user-e2ee',
			output: {},
		});
	});

	test('resets another user by username', () => {
		expect(buildRequest(resetE2eKey, { user: userRef('username', '@jane.doe') }).body).toEqual({ username: 'jane.doe' });
	});

	test('resets the own key without a body', () => {
		expect(buildRequest(resetE2eKey, { target: 'self', twoFactorOverride: { code: 'pw', method: 'password' } })).toEqual({
			method: 'POST',
			path: '/api/v1/users.resetE2EKey',
			twoFactor: { code: 'pw', method: 'password' },
			output: {},
		});
	});

	test('takes a per-call 2FA code for another user', () => {
		const spec = buildRequest(resetE2eKey, {
			user: userRef('id', 'abc'),
			twoFactorOverride: { code: '123456', method: 'totp' },
		});
		expect(spec.twoFactor).toEqual({ code: '123456', method: 'totp' });
	});

	test('an empty user is an error, never a silent reset of the own key', () => {
		expect(() => buildRequest(resetE2eKey, { user: userRef('id', ' ') }, { itemIndex: 6 })).toThrow(
			'User (item 6): choose a user',
		);
	});

	test('the user picker is only shown for another user', () => {
		const user = resetE2eKey.description.find((p) => p.name === 'user');
		expect(user?.displayOptions?.show?.target).toEqual(['otherUser']);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{ user: userRef('id', 'GonjPyg3gB3Z9ur9s') }, { user: userRef('username', 'jane') }, { target: 'self' }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(resetE2eKey, values)))).toEqual([]);
		}
	});
});
