import { createHash } from 'crypto';
import * as deleteOwnAccount from '../../nodes/RocketChat/actions/user/deleteOwnAccount';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('User → Delete Own Account (users.deleteOwnAccount)', () => {
	test('sends the SHA-256 of the password, never the password', () => {
		const spec = buildRequest(deleteOwnAccount, { password: 'S3cret!' });
		expect(spec).toEqual({
			method: 'POST',
			path: '/api/v1/users.deleteOwnAccount',
			body: { password: sha256('S3cret!'), confirmRelinquish: false },
			refusal: expect.stringContaining('Accounts_AllowDeleteOwnAccount'),
			output: { map: expect.any(Function) },
		});
		expect(JSON.stringify(spec.body)).not.toContain('S3cret!');
		expect(spec.output?.map?.({})).toEqual({ success: true });
	});

	test('does not trim the password and passes Confirm Relinquish', () => {
		const spec = buildRequest(deleteOwnAccount, { password: ' pass word ', confirmRelinquish: true });
		expect(spec.body).toEqual({ password: sha256(' pass word '), confirmRelinquish: true });
	});

	test('a numeric password from an expression is hashed as text', () => {
		expect(buildRequest(deleteOwnAccount, { password: 1234 }).body).toMatchObject({ password: sha256('1234') });
	});

	test('the password field is a required password-type field', () => {
		expect(deleteOwnAccount.description[0]).toMatchObject({
			name: 'password',
			required: true,
			typeOptions: { password: true },
		});
	});

	test.each([[''], [undefined]])('a missing password (%j) names the field and item', (password) => {
		expect(() => buildRequest(deleteOwnAccount, { password }, { itemIndex: 3 })).toThrow(
			'Password (item 3): a value is required',
		);
	});

	test('an object password names the field and item', () => {
		expect(() => buildRequest(deleteOwnAccount, { password: {} }, { itemIndex: 0 })).toThrow(
			'Password (item 0): expected text, got an object',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(deleteOwnAccount, { password: 'x', confirmRelinquish: true });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
