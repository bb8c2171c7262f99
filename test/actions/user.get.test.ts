import * as get from '../../nodes/RocketChat/actions/user/get';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get (users.info)', () => {
	test.each([
		['userId', 'BsNr28znDkG8aeo7W', { userId: 'BsNr28znDkG8aeo7W' }],
		['username', '@jane.doe', { username: 'jane.doe' }],
		['email', 'jane@example.com', { email: 'jane@example.com' }],
		['importId', 'legacy-42', { importId: 'legacy-42' }],
	])('looks the user up by %s', (lookup, lookupValue, qs) => {
		expect(buildRequest(get, { lookup, lookupValue })).toEqual({
			method: 'GET',
			path: '/api/v1/users.info',
			qs,
			permission: 'view-full-other-user-info',
			output: { key: 'user', each: false },
		});
	});

	test('asks for rooms and simplifies on request', () => {
		const spec = buildRequest(get, {
			lookupValue: 'abc',
			simplify: true,
			options: { includeUserRooms: true },
		});
		expect(spec.qs).toEqual({ userId: 'abc', includeUserRooms: 'true' });
		expect(spec.output).toEqual({ key: 'user', each: false, map: simplifyUser });
	});

	test('an empty value is an error naming the field and the item', () => {
		expect(() => buildRequest(get, { lookupValue: '  ' }, { itemIndex: 3 })).toThrow(
			'Value (item 3): a value is required',
		);
	});

	(contract ? test : test.skip)(`requests are valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const lookup of ['userId', 'username', 'email', 'importId']) {
			const spec = buildRequest(get, { lookup, lookupValue: 'x', options: { includeUserRooms: true } });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
