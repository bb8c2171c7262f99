import * as getPreferences from '../../nodes/RocketChat/actions/user/getPreferences';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Preferences (users.getPreferences)', () => {
	test('has no fields and outputs the preferences object', () => {
		expect(getPreferences.description).toEqual([]);
		expect(buildRequest(getPreferences)).toEqual({
			method: 'GET',
			path: '/api/v1/users.getPreferences',
			output: { key: 'preferences' },
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(getPreferences)))).toEqual([]);
	});
});
