import * as logoutOwn from '../../nodes/RocketChat/actions/deviceManagement/logoutOwn';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Log Out Own Session (sessions/logout.me)', () => {
	test('posts the session ID without 2FA or permission', () => {
		expect(buildRequest(logoutOwn, { sessionId: ' WJ2giBwm4B9mcojFi ' })).toEqual({
			method: 'POST',
			path: '/api/v1/sessions/logout.me',
			body: { sessionId: 'WJ2giBwm4B9mcojFi' },
			output: {},
		});
	});

	test('a missing session ID names the field and item', () => {
		expect(() => buildRequest(logoutOwn, { sessionId: '' }, { itemIndex: 7 })).toThrow(
			'Session ID (item 7): a value is required',
		);
	});

	test('an object is not a session ID', () => {
		expect(() => buildRequest(logoutOwn, { sessionId: { id: 'x' } })).toThrow(
			'Session ID (item 0): expected text, got an object',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(logoutOwn, { sessionId: 's1' })))).toEqual([]);
	});
});
