import * as resetAvatar from '../../nodes/RocketChat/actions/user/resetAvatar';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Reset Avatar (users.resetAvatar)', () => {
	test('posts the user ID', () => {
		expect(buildRequest(resetAvatar, { user: userRef('list', 'BsNr28znDkG8aeo7W') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.resetAvatar',
			body: { userId: 'BsNr28znDkG8aeo7W' },
			permission: 'edit-other-user-avatar',
			output: { map: expect.any(Function) },
		});
	});

	test('posts a username and reports success', () => {
		const spec = buildRequest(resetAvatar, { user: userRef('username', 'jane.doe') });
		expect(spec.body).toEqual({ username: 'jane.doe' });
		expect(spec.output?.map?.({})).toEqual({ success: true });
	});

	test('a missing user names the field and item', () => {
		expect(() => buildRequest(resetAvatar, { user: userRef('id', '') }, { itemIndex: 3 })).toThrow(
			'User (item 3): choose a user',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		// The spec requires `userId` and mentions `username` only in prose: a named exception of the validator.
		for (const user of [userRef('id', 'u1'), userRef('username', 'jane')]) {
			const spec = buildRequest(resetAvatar, { user });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
