import * as checkUsernameAvailability from '../../nodes/RocketChat/actions/user/checkUsernameAvailability';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Check Username Availability (users.checkUsernameAvailability)', () => {
	test('sends the username the seeds forgot', () => {
		expect(buildRequest(checkUsernameAvailability, { username: ' @jane.doe ' })).toEqual({
			method: 'GET',
			path: '/api/v1/users.checkUsernameAvailability',
			qs: { username: 'jane.doe' },
			output: {},
		});
	});

	test.each([[''], ['   '], ['@'], [undefined]])('an empty username (%j) names the field and item', (username) => {
		expect(() => buildRequest(checkUsernameAvailability, { username }, { itemIndex: 4 })).toThrow(
			'Username (item 4): a value is required',
		);
	});

	test('the field is required in the UI', () => {
		expect(checkUsernameAvailability.description[0]).toMatchObject({ name: 'username', required: true });
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(checkUsernameAvailability, { username: 'jane' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		// The validator does catch the seeds' mistake.
		expect(contract!.validateRequest(toContractRequest({ ...spec, qs: {} }))).not.toEqual([]);
	});
});
