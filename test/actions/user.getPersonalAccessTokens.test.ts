import * as getPersonalAccessTokens from '../../nodes/RocketChat/actions/user/getPersonalAccessTokens';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Personal Access Tokens (users.getPersonalAccessTokens)', () => {
	test('lists the tokens, one item per token', () => {
		expect(buildRequest(getPersonalAccessTokens)).toEqual({
			method: 'GET',
			path: '/api/v1/users.getPersonalAccessTokens',
			permission: 'create-personal-access-tokens',
			output: { key: 'tokens', each: true },
		});
	});

	test('only shows a notice, for this operation only', () => {
		expect(getPersonalAccessTokens.description.map((p) => p.type)).toEqual(['notice']);
		expect(getPersonalAccessTokens.description[0].displayOptions?.show).toEqual({
			resource: ['user'],
			operation: ['getPersonalAccessTokens'],
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(getPersonalAccessTokens)))).toEqual([]);
	});
});
