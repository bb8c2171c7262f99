import * as resetTotp from '../../nodes/RocketChat/actions/user/resetTotp';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Reset TOTP (users.resetTOTP)', () => {
	test('resets a user by ID, 2FA from the credential', () => {
		expect(buildRequest(resetTotp, { user: userRef('id', 'GonjPyg3gB3Z9ur9s') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.resetTOTP',
			body: { userId: 'GonjPyg3gB3Z9ur9s' },
			twoFactor: {},
			permission: 'edit-other-user-totp',
			output: {},
		});
	});

	test('resets a user by username with a per-call 2FA code', () => {
		const spec = buildRequest(resetTotp, {
			user: userRef('username', 'jane.doe'),
			twoFactorOverride: { code: '123456', method: 'totp' },
		});
		expect(spec.body).toEqual({ username: 'jane.doe' });
		expect(spec.twoFactor).toEqual({ code: '123456', method: 'totp' });
	});

	test('a user is required', () => {
		expect(() => buildRequest(resetTotp, {}, { itemIndex: 1 })).toThrow('User (item 1): choose a user');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const user of [userRef('id', 'GonjPyg3gB3Z9ur9s'), userRef('username', 'jane')]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(resetTotp, { user })))).toEqual([]);
		}
	});
});
