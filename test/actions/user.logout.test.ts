import * as logout from '../../nodes/RocketChat/actions/user/logout';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Log Out (users.logout)', () => {
	test('logs out another user by ID (the default target)', () => {
		expect(buildRequest(logout, { user: userRef('list', 'JxemcN9PDCdfzJeZr') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.logout',
			body: { userId: 'JxemcN9PDCdfzJeZr' },
			permission: 'logout-other-user',
			output: {},
		});
	});

	test('logs out the credential user without a body', () => {
		expect(buildRequest(logout, { target: 'self', user: userRef('id', 'ignored') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.logout',
			output: {},
		});
	});

	test('is not 2FA-gated', () => {
		expect(buildRequest(logout, { user: userRef('id', 'abc') }).twoFactor).toBeUndefined();
	});

	test('the user picker and the self notice follow the target', () => {
		const user = logout.description.find((p) => p.name === 'user');
		expect(user?.displayOptions?.show).toEqual({ target: ['otherUser'], resource: ['user'], operation: ['logout'] });
		expect(user?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		const notice = logout.description.find((p) => p.type === 'notice');
		expect(notice?.displayOptions?.show?.target).toEqual(['self']);
	});

	test('another user needs a user ID; an empty one never falls back to logging out the credential', () => {
		expect(() => buildRequest(logout, { user: userRef('list', '') }, { itemIndex: 5 })).toThrow(
			'User (item 5): choose a user',
		);
		expect(() => buildRequest(logout, { user: userRef('username', 'jane') })).toThrow(
			'User (item 0): this operation needs a user ID',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{ user: userRef('id', 'JxemcN9PDCdfzJeZr') }, { target: 'self' }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(logout, values)))).toEqual([]);
		}
	});
});
