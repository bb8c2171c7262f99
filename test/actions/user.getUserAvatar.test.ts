import * as getUserAvatar from '../../nodes/RocketChat/actions/user/getUserAvatar';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get User Avatar (users.getAvatar)', () => {
	test('downloads by user ID into the chosen binary field', () => {
		expect(
			buildRequest(getUserAvatar, { user: userRef('list', 'BsNr28znDkG8aeo7W'), binaryPropertyName: 'avatar' }),
		).toEqual({
			method: 'GET',
			path: '/api/v1/users.getAvatar',
			qs: { userId: 'BsNr28znDkG8aeo7W' },
			download: { binaryProperty: 'avatar', fileName: 'avatar-BsNr28znDkG8aeo7W' },
		});
	});

	test('downloads by username (the server redirects to /avatar/{username})', () => {
		const spec = buildRequest(getUserAvatar, { user: userRef('username', '@jane.doe') });
		expect(spec.qs).toEqual({ username: 'jane.doe' });
		expect(spec.download).toEqual({ binaryProperty: 'data', fileName: 'avatar-jane.doe' });
	});

	test('missing user or binary field names the field and item', () => {
		expect(() => buildRequest(getUserAvatar, {}, { itemIndex: 2 })).toThrow('User (item 2): choose a user');
		expect(() =>
			buildRequest(getUserAvatar, { user: userRef('id', 'u1'), binaryPropertyName: ' ' }, { itemIndex: 2 }),
		).toThrow('Put Output File in Field (item 2): a value is required');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		// The spec requires `userId` and mentions `username` only in prose: a named exception of the validator.
		for (const user of [userRef('id', 'u1'), userRef('username', 'jane')]) {
			const spec = buildRequest(getUserAvatar, { user });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
