import * as getPresence from '../../nodes/RocketChat/actions/user/getPresence';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Presence (users.getPresence)', () => {
	test('without a user it asks for the credential user', () => {
		expect(buildRequest(getPresence)).toEqual({
			method: 'GET',
			path: '/api/v1/users.getPresence',
			qs: {},
			output: {},
		});
		expect(buildRequest(getPresence, { user: userRef('list', '  ') }).qs).toEqual({});
		expect(buildRequest(getPresence, { user: '' }).qs).toEqual({});
	});

	test.each([
		[userRef('list', 'BsNr28znDkG8aeo7W'), { userId: 'BsNr28znDkG8aeo7W' }],
		[userRef('id', ' BsNr28znDkG8aeo7W '), { userId: 'BsNr28znDkG8aeo7W' }],
		[userRef('username', '@jane.doe'), { username: 'jane.doe' }],
		['plainId', { userId: 'plainId' }],
	])('sends the chosen user %j', (user, qs) => {
		expect(buildRequest(getPresence, { user }).qs).toEqual(qs);
	});

	test('a user of the wrong shape names the field and item', () => {
		expect(() => buildRequest(getPresence, { user: { __rl: true, mode: 'id', value: { a: 1 } } }, { itemIndex: 2 })).toThrow(
			'User (item 2): choose a user',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		// `username` is the alternative the spec documents only in prose: a named exception of the validator.
		for (const user of [userRef('list', ''), userRef('id', 'u1'), userRef('username', 'jane')]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(getPresence, { user })))).toEqual([]);
		}
	});
});
