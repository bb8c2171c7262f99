import * as sendWelcomeEmail from '../../nodes/RocketChat/actions/user/sendWelcomeEmail';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Send Welcome Email (users.sendWelcomeEmail)', () => {
	test('a POST (despite the GET-style operationId) with the e-mail', () => {
		expect(buildRequest(sendWelcomeEmail, { email: 'test@email.com' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.sendWelcomeEmail',
			body: { email: 'test@email.com' },
			permission: 'send-mail',
			output: {},
		});
	});

	test('a missing or malformed e-mail names the field and the item', () => {
		expect(() => buildRequest(sendWelcomeEmail, { email: '  ' }, { itemIndex: 4 })).toThrow(
			'Email (item 4): a value is required',
		);
		expect(() => buildRequest(sendWelcomeEmail, { email: 'nobody' })).toThrow(
			'Email (item 0): not a valid e-mail address: "nobody"',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(sendWelcomeEmail, { email: 'test@email.com' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
