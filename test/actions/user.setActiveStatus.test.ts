import * as setActiveStatus from '../../nodes/RocketChat/actions/user/setActiveStatus';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const user = userRef('id', 'jJNyu4BQFqdgEcqnR');

describe('User → Set Active Status (users.setActiveStatus)', () => {
	test('activates by default (the spec default) and outputs the user', () => {
		expect(buildRequest(setActiveStatus, { user })).toEqual({
			method: 'POST',
			path: '/api/v1/users.setActiveStatus',
			body: { activeStatus: true, userId: 'jJNyu4BQFqdgEcqnR', confirmRelinquish: false },
			permission: 'edit-other-user-active-status',
			output: { key: 'user' },
		});
	});

	test('deactivates, with or without Confirm Relinquish', () => {
		expect(buildRequest(setActiveStatus, { user, activeStatus: false }).body).toEqual({
			activeStatus: false,
			userId: 'jJNyu4BQFqdgEcqnR',
			confirmRelinquish: false,
		});
		expect(buildRequest(setActiveStatus, { user, activeStatus: 'false', confirmRelinquish: true }).body).toEqual({
			activeStatus: false,
			userId: 'jJNyu4BQFqdgEcqnR',
			confirmRelinquish: true,
		});
	});

	test('a stale Confirm Relinquish is not sent when activating', () => {
		expect(buildRequest(setActiveStatus, { user, activeStatus: true, confirmRelinquish: true }).body).toEqual({
			activeStatus: true,
			userId: 'jJNyu4BQFqdgEcqnR',
			confirmRelinquish: false,
		});
	});

	test('errors name the field and item', () => {
		expect(() => buildRequest(setActiveStatus, { user: userRef('username', 'jane') }, { itemIndex: 3 })).toThrow(
			'User (item 3): this operation needs a user ID; pick the user From List or By ID',
		);
		expect(() => buildRequest(setActiveStatus, { user, activeStatus: 'no' }, { itemIndex: 3 })).toThrow(
			'Active (item 3): expected true or false, got "no"',
		);
	});

	test('the user picker offers no username mode', () => {
		const locator = setActiveStatus.description.find((property) => property.name === 'user')!;
		expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{ user }, { user, activeStatus: false, confirmRelinquish: true }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(setActiveStatus, values)))).toEqual([]);
		}
	});
});
