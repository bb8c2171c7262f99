import * as getStatus from '../../nodes/RocketChat/actions/user/getStatus';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Status (users.getStatus)', () => {
	test('defaults to the credential user and sends the auth headers (no auth: none)', () => {
		const spec = buildRequest(getStatus);
		expect(spec).toEqual({ method: 'GET', path: '/api/v1/users.getStatus', qs: {}, output: {} });
		expect(spec.auth).toBeUndefined();
		expect(toContractRequest(spec).headers).toHaveProperty('X-Auth-Token');
	});

	test.each([
		[userRef('id', 'W7NHuX5ri2e3mu2Fc'), { userId: 'W7NHuX5ri2e3mu2Fc' }],
		[userRef('username', 'jane.doe'), { username: 'jane.doe' }],
	])('sends the chosen user %j', (user, qs) => {
		expect(buildRequest(getStatus, { user }).qs).toEqual(qs);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		// `username` is the alternative the spec documents only in prose: a named exception of the validator.
		for (const user of [userRef('list', ''), userRef('id', 'u1'), userRef('username', 'jane')]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(getStatus, { user })))).toEqual([]);
		}
	});
});
