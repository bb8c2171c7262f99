import * as getOwn from '../../nodes/RocketChat/actions/deviceManagement/getOwn';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Get Own Session (sessions/info)', () => {
	test('sends the session ID', () => {
		expect(buildRequest(getOwn, { sessionId: ' s1 ' })).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/info',
			qs: { sessionId: 's1' },
			output: {},
		});
	});

	test('a missing session ID names the field and item', () => {
		expect(() => buildRequest(getOwn, {}, { itemIndex: 1 })).toThrow('Session ID (item 1): a value is required');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(getOwn, { sessionId: 's1' })))).toEqual([]);
	});
});
