import * as logout from '../../nodes/RocketChat/actions/deviceManagement/logout';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Log Out Session (sessions/logout)', () => {
	test('posts the session ID, is 2FA-gated and returns the response without success', () => {
		expect(buildRequest(logout, { sessionId: ' tTouumJMrHMjnedWf ' })).toEqual({
			method: 'POST',
			path: '/api/v1/sessions/logout',
			body: { sessionId: 'tTouumJMrHMjnedWf' },
			twoFactor: {},
			permission: 'logout-device-management',
			output: {},
		});
	});

	test('takes a per-call 2FA code', () => {
		expect(
			buildRequest(logout, { sessionId: 's1', twoFactorOverride: { code: 'secret', method: 'password' } }).twoFactor,
		).toEqual({ code: 'secret', method: 'password' });
	});

	test('a missing session ID names the field and item', () => {
		expect(() => buildRequest(logout, {}, { itemIndex: 2 })).toThrow('Session ID (item 2): a value is required');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(logout, { sessionId: 's1' })))).toEqual([]);
	});
});
