import * as forgotPassword from '../../nodes/RocketChat/actions/user/forgotPassword';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Forgot Password (users.forgotPassword)', () => {
	test('sends the e-mail without auth headers and outputs the response', () => {
		expect(buildRequest(forgotPassword, { email: ' email@rocket.cat ' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.forgotPassword',
			body: { email: 'email@rocket.cat' },
			auth: 'none',
			output: {},
		});
	});

	test('a missing or malformed e-mail names the field and the item', () => {
		expect(() => buildRequest(forgotPassword, {}, { itemIndex: 1 })).toThrow('Email (item 1): a value is required');
		expect(() => buildRequest(forgotPassword, { email: 'jane doe@x' }, { itemIndex: 2 })).toThrow(
			'Email (item 2): not a valid e-mail address: "jane doe@x"',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(forgotPassword, { email: 'email@rocket.cat' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
