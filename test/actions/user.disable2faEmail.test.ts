import * as disable2faEmail from '../../nodes/RocketChat/actions/user/disable2faEmail';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Disable 2FA by Email (users.2fa.disableEmail)', () => {
	test('a 2FA-gated POST without a body; the credential answers 2FA by default', () => {
		expect(buildRequest(disable2faEmail)).toEqual({
			method: 'POST',
			path: '/api/v1/users.2fa.disableEmail',
			twoFactor: {},
			output: {},
		});
	});

	test('takes a per-call 2FA code', () => {
		expect(buildRequest(disable2faEmail, { twoFactorOverride: { code: '482913', method: 'email' } }).twoFactor).toEqual({
			code: '482913',
			method: 'email',
		});
	});

	test('a malformed override names the field', () => {
		expect(() => buildRequest(disable2faEmail, { twoFactorOverride: 'abc' }, { itemIndex: 1 })).toThrow(
			'Two-Factor Override (item 1): expected a collection',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		// The spec requires the 2FA headers here; the transport sends them because twoFactor is set.
		expect(contract!.validateRequest(toContractRequest(buildRequest(disable2faEmail)))).toEqual([]);
	});
});
