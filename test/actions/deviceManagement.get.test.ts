import * as get from '../../nodes/RocketChat/actions/deviceManagement/get';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Get Session (sessions/info.admin)', () => {
	test('sends the session ID, is 2FA-gated and keeps the flat session as output', () => {
		expect(buildRequest(get, { sessionId: ' s1 ' })).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/info.admin',
			qs: { sessionId: 's1' },
			twoFactor: {},
			permission: 'view-device-management',
			output: {},
		});
	});

	test('a 2FA code typed into the operation overrides the credential', () => {
		expect(
			buildRequest(get, { sessionId: 's1', twoFactorOverride: { code: ' 123456 ', method: 'totp' } }).twoFactor,
		).toEqual({ code: '123456', method: 'totp' });
		expect(buildRequest(get, { sessionId: 's1', twoFactorOverride: { code: '654321' } }).twoFactor).toEqual({
			code: '654321',
			method: 'email',
		});
	});

	test('a missing session ID names the field and item', () => {
		expect(() => buildRequest(get, { sessionId: '  ' }, { itemIndex: 4 })).toThrow(
			'Session ID (item 4): a value is required',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(get, { sessionId: 's1' })))).toEqual([]);
	});
});
