import * as enable2faEmail from '../../nodes/RocketChat/actions/user/enable2faEmail';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Enable 2FA by Email (users.2fa.enableEmail)', () => {
	test('a POST without a body and without 2FA', () => {
		expect(buildRequest(enable2faEmail)).toEqual({
			method: 'POST',
			path: '/api/v1/users.2fa.enableEmail',
			output: {},
		});
	});

	test('a notice warns about the logout of other sessions and unverified e-mails', () => {
		const notice = enable2faEmail.description.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/logs out every other session/);
		expect(notice?.displayName).toMatch(/not verified/);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		expect(contract!.validateRequest(toContractRequest(buildRequest(enable2faEmail)))).toEqual([]);
	});
});
