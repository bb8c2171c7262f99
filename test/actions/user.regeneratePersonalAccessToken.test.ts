import * as regeneratePersonalAccessToken from '../../nodes/RocketChat/actions/user/regeneratePersonalAccessToken';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Regenerate Personal Access Token (users.regeneratePersonalAccessToken)', () => {
	test('sends the token name; 2FA from the credential', () => {
		expect(buildRequest(regeneratePersonalAccessToken, { patName: 'ci-bot' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.regeneratePersonalAccessToken',
			body: { tokenName: 'ci-bot' },
			twoFactor: {},
			permission: 'create-personal-access-tokens',
			output: {},
		});
	});

	test('takes a per-call 2FA code', () => {
		const spec = buildRequest(regeneratePersonalAccessToken, {
			patName: 'ci-bot',
			twoFactorOverride: { code: 'my password', method: 'password' },
		});
		expect(spec.twoFactor).toEqual({ code: 'my password', method: 'password' });
	});

	test('an empty 2FA code falls back to the credential', () => {
		const spec = buildRequest(regeneratePersonalAccessToken, {
			patName: 'ci-bot',
			twoFactorOverride: { code: '  ', method: 'totp' },
		});
		expect(spec.twoFactor).toEqual({});
	});

	test('a missing token name names the field and the item', () => {
		expect(() => buildRequest(regeneratePersonalAccessToken, {}, { itemIndex: 4 })).toThrow(
			'Token Name (item 4): a value is required',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(regeneratePersonalAccessToken, { patName: 'ci-bot' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
