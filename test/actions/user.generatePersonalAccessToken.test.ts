import * as generatePersonalAccessToken from '../../nodes/RocketChat/actions/user/generatePersonalAccessToken';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Generate Personal Access Token (users.generatePersonalAccessToken)', () => {
	test('sends the token name and bypassTwoFactor=false by default, 2FA from the credential', () => {
		expect(buildRequest(generatePersonalAccessToken, { patName: ' n8n ' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.generatePersonalAccessToken',
			body: { tokenName: 'n8n', bypassTwoFactor: false },
			twoFactor: {},
			permission: 'create-personal-access-tokens',
			output: {},
		});
	});

	test('bypasses 2FA on request and takes a per-call 2FA code', () => {
		const spec = buildRequest(generatePersonalAccessToken, {
			patName: 'n8n',
			bypassTwoFactor: true,
			twoFactorOverride: { code: ' 654321 ', method: 'totp' },
		});
		expect(spec.body).toEqual({ tokenName: 'n8n', bypassTwoFactor: true });
		expect(spec.twoFactor).toEqual({ code: '654321', method: 'totp' });
	});

	test('a 2FA code without a method is an e-mailed code', () => {
		const spec = buildRequest(generatePersonalAccessToken, { patName: 'n8n', twoFactorOverride: { code: '111222' } });
		expect(spec.twoFactor).toEqual({ code: '111222', method: 'email' });
	});

	test('the token name field is plain text, not a password field', () => {
		const field = generatePersonalAccessToken.description.find((p) => p.name === 'patName');
		expect(field).toMatchObject({ displayName: 'Token Name', required: true, type: 'string' });
		expect(field?.typeOptions?.password).toBeUndefined();
	});

	test('a missing token name names the field and the item', () => {
		expect(() => buildRequest(generatePersonalAccessToken, { patName: ' ' }, { itemIndex: 2 })).toThrow(
			'Token Name (item 2): a value is required',
		);
	});

	test('a non-boolean bypass value names the field', () => {
		expect(() => buildRequest(generatePersonalAccessToken, { patName: 'x', bypassTwoFactor: 'yes' })).toThrow(
			'Bypass Two-Factor Authentication (item 0): expected true or false, got "yes"',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const bypassTwoFactor of [false, true]) {
			const spec = buildRequest(generatePersonalAccessToken, { patName: 'n8n', bypassTwoFactor });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
