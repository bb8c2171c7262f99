import * as getTeams from '../../nodes/RocketChat/actions/user/getTeams';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Teams (users.listTeams)', () => {
	test('sends the user ID and outputs one item per team', () => {
		expect(buildRequest(getTeams, { user: userRef('list', 'rbAXPnMktTFbNpwtJ') })).toEqual({
			method: 'GET',
			path: '/api/v1/users.listTeams',
			qs: { userId: 'rbAXPnMktTFbNpwtJ' },
			output: { key: 'teams', each: true },
		});
	});

	test('offers no By Username mode', () => {
		const modes = (getTeams.description[0].modes ?? []).map((mode) => mode.name);
		expect(modes).toEqual(['list', 'id']);
	});

	test('a username or no user is an error naming the field and item', () => {
		expect(() => buildRequest(getTeams, { user: userRef('username', 'jane') }, { itemIndex: 1 })).toThrow(
			'User (item 1): this operation needs a user ID',
		);
		expect(() => buildRequest(getTeams, {}, { itemIndex: 0 })).toThrow('User (item 0): choose a user');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(getTeams, { user: userRef('id', 'u1') });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
