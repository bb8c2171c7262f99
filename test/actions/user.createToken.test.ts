import * as createToken from '../../nodes/RocketChat/actions/user/createToken';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Create Token for User (users.createToken)', () => {
	test('sends the user ID and the secret', () => {
		expect(
			buildRequest(createToken, { user: userRef('list', 'BsNr28znDkG8aeo7W'), secret: 's3cret' }),
		).toEqual({
			method: 'POST',
			path: '/api/v1/users.createToken',
			body: { userId: 'BsNr28znDkG8aeo7W', secret: 's3cret' },
			permission: 'user-generate-access-token',
			// Both causes of "Not authorized [error-not-authorized]": the secret, and the permission (patch-level).
			refusal: expect.stringMatching(/CREATE_TOKENS_FOR_USERS_SECRET.*"user-generate-access-token".*8\.0\.8.*8\.7\.0/),
			twoFactor: {},
			output: { key: 'data' },
		});
	});

	test('sends the secret exactly as typed and a plain-text user as an ID', () => {
		const spec = buildRequest(createToken, { user: ' abc ', secret: ' with spaces ' });
		expect(spec.body).toEqual({ userId: 'abc', secret: ' with spaces ' });
	});

	test('the secret is a required password field and the user picker has no username mode', () => {
		const secret = createToken.description.find((p) => p.name === 'secret');
		expect(secret).toMatchObject({ required: true, typeOptions: { password: true } });
		const user = createToken.description.find((p) => p.name === 'user');
		expect(user?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
	});

	test('is 2FA-gated as in the newest server source, with the Two-Factor Override, and sends auth headers', () => {
		const spec = buildRequest(createToken, { user: userRef('id', 'abc'), secret: 'x' });
		expect(spec.twoFactor).toEqual({});
		expect(spec.auth).toBeUndefined();
		expect(createToken.description.some((p) => p.name === 'twoFactorOverride')).toBe(true);
		const override = buildRequest(createToken, { user: userRef('id', 'abc'), secret: 'x', twoFactorOverride: { code: '123456', method: 'email' } });
		expect(override.twoFactor).toEqual({ code: '123456', method: 'email' });
	});

	test('a username is refused: the endpoint takes only user IDs', () => {
		expect(() => buildRequest(createToken, { user: userRef('username', 'jane'), secret: 'x' }, { itemIndex: 3 })).toThrow(
			'User (item 3): this operation needs a user ID; pick the user From List or By ID',
		);
	});

	test('missing user or secret names the field and the item', () => {
		expect(() => buildRequest(createToken, { secret: 'x' }, { itemIndex: 1 })).toThrow('User (item 1): choose a user');
		expect(() => buildRequest(createToken, { user: userRef('id', 'abc') }, { itemIndex: 2 })).toThrow(
			'Secret (item 2): a value is required',
		);
		expect(() => buildRequest(createToken, { user: userRef('id', 'abc'), secret: { a: 1 } })).toThrow(
			'Secret (item 0): expected text, got an object',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(createToken, { user: userRef('id', 'BsNr28znDkG8aeo7W'), secret: 'pass123' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
