import * as deleteUser from '../../nodes/RocketChat/actions/user/deleteUser';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Delete (users.delete)', () => {
	test('by ID, without relinquishing; output is the response without success (deletedRooms)', () => {
		expect(buildRequest(deleteUser, { user: userRef('id', 'BsNr28znDkG8aeo7W') })).toEqual({
			method: 'POST',
			path: '/api/v1/users.delete',
			body: { userId: 'BsNr28znDkG8aeo7W', confirmRelinquish: false },
			permission: 'delete-user',
			output: {},
		});
	});

	test('from the list, and by username (leading @ dropped) with Confirm Relinquish', () => {
		expect(buildRequest(deleteUser, { user: userRef('list', 'abc') }).body).toEqual({ userId: 'abc', confirmRelinquish: false });
		expect(buildRequest(deleteUser, { user: userRef('username', ' @jane.doe '), confirmRelinquish: true }).body).toEqual({
			username: 'jane.doe',
			confirmRelinquish: true,
		});
	});

	test('errors name the field and item', () => {
		expect(() => buildRequest(deleteUser, {}, { itemIndex: 5 })).toThrow('User (item 5): choose a user');
		expect(() => buildRequest(deleteUser, { user: userRef('id', 'a'), confirmRelinquish: 'maybe' }, { itemIndex: 5 })).toThrow(
			'Confirm Relinquish (item 5): expected true or false, got "maybe"',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const confirmRelinquish of [false, true]) {
			const spec = buildRequest(deleteUser, { user: userRef('id', 'abc'), confirmRelinquish });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
		// The spec's schema requires userId and names `username` only in its description (the server takes either).
		const byUsername = buildRequest(deleteUser, { user: userRef('username', 'jane') });
		expect(contract!.validateRequest(toContractRequest(byUsername))).toEqual([
			expect.stringContaining('missing required property "userId"'),
		]);
	});
});
