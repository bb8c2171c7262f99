import * as removePersonalAccessToken from '../../nodes/RocketChat/actions/user/removePersonalAccessToken';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Remove Personal Access Token (users.removePersonalAccessToken)', () => {
	test('sends the token name; 2FA from the credential', () => {
		expect(buildRequest(removePersonalAccessToken, { patName: 'old token' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.removePersonalAccessToken',
			body: { tokenName: 'old token' },
			twoFactor: {},
			permission: 'create-personal-access-tokens',
			output: {},
		});
	});

	test('takes a per-call 2FA code', () => {
		const spec = buildRequest(removePersonalAccessToken, {
			patName: 'old token',
			twoFactorOverride: { code: '123456', method: 'email' },
		});
		expect(spec.twoFactor).toEqual({ code: '123456', method: 'email' });
	});

	test('a missing token name names the field and the item', () => {
		expect(() => buildRequest(removePersonalAccessToken, { patName: '' }, { itemIndex: 1 })).toThrow(
			'Token Name (item 1): a value is required',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(removePersonalAccessToken, { patName: 'old token' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
