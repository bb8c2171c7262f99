import * as getUsernameSuggestion from '../../nodes/RocketChat/actions/user/getUsernameSuggestion';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Username Suggestion (users.getUsernameSuggestion)', () => {
	test('a plain GET whose output is {result}', () => {
		expect(getUsernameSuggestion.description).toEqual([]);
		expect(buildRequest(getUsernameSuggestion)).toEqual({
			method: 'GET',
			path: '/api/v1/users.getUsernameSuggestion',
			output: {},
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(getUsernameSuggestion)))).toEqual([]);
	});
});
