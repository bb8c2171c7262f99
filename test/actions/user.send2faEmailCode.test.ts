import * as send2faEmailCode from '../../nodes/RocketChat/actions/user/send2faEmailCode';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Send 2FA Email Code (users.2fa.sendEmailCode)', () => {
	test('sends an e-mail address; auth headers are kept (harmless on this auth-optional route)', () => {
		expect(buildRequest(send2faEmailCode, { emailOrUsername: ' jane@example.com ' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.2fa.sendEmailCode',
			body: { emailOrUsername: 'jane@example.com' },
			output: {},
		});
	});

	test.each([
		['jane.doe', 'jane.doe'],
		['@jane.doe', 'jane.doe'],
		['@jane@example.com', '@jane@example.com'],
	])('%s is sent as %s', (emailOrUsername, sent) => {
		expect(buildRequest(send2faEmailCode, { emailOrUsername }).body).toEqual({ emailOrUsername: sent });
	});

	test('an empty value names the field and the item', () => {
		expect(() => buildRequest(send2faEmailCode, {}, { itemIndex: 2 })).toThrow(
			'E-Mail or Username (item 2): a value is required',
		);
		expect(() => buildRequest(send2faEmailCode, { emailOrUsername: '@' }, { itemIndex: 3 })).toThrow(
			'E-Mail or Username (item 3): a value is required',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const emailOrUsername of ['test@email.com', 'jane.doe']) {
			const spec = buildRequest(send2faEmailCode, { emailOrUsername });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
