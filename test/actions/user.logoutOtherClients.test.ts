import * as logoutOtherClients from '../../nodes/RocketChat/actions/user/logoutOtherClients';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Log Out Other Clients (users.logoutOtherClients)', () => {
	test('a POST without a body whose whole response (token, tokenExpires) is the output', () => {
		expect(buildRequest(logoutOtherClients)).toEqual({
			method: 'POST',
			path: '/api/v1/users.logoutOtherClients',
			output: {},
		});
	});

	test('a notice tells that the output carries the token to use from now on', () => {
		const notice = logoutOtherClients.description.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/token/);
		expect(notice?.displayName).toMatch(/only place/);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(logoutOtherClients)))).toEqual([]);
	});
});
