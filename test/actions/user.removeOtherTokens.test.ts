import * as removeOtherTokens from '../../nodes/RocketChat/actions/user/removeOtherTokens';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Remove Other Tokens (users.removeOtherTokens)', () => {
	test('a POST without a body', () => {
		expect(buildRequest(removeOtherTokens)).toEqual({
			method: 'POST',
			path: '/api/v1/users.removeOtherTokens',
			output: {},
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(removeOtherTokens)))).toEqual([]);
	});
});
