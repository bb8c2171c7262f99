import * as getManyByStatus from '../../nodes/RocketChat/actions/user/getManyByStatus';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Many by Status (users.listByStatus)', () => {
	test('defaults: no filter, first 50 users', () => {
		expect(buildRequest(getManyByStatus)).toEqual({
			method: 'GET',
			path: '/api/v1/users.listByStatus',
			qs: {},
			permission: 'view-d-room',
			paginate: { itemsKey: 'users', returnAll: false, limit: 50 },
			output: { key: 'users', each: true },
		});
	});

	test('every filter; list filters go out under their bracketed wire keys as arrays', () => {
		expect(
			buildRequest(getManyByStatus, {
				returnAll: true,
				simplify: true,
				options: {
					status: 'deactivated',
					hasLoggedIn: false,
					type: 'bot',
					roles: ['bot', 'user'],
					searchTerm: ' jane ',
					inactiveReason: ['idle_too_long', 'pending_approval'],
					sort: '{"username": 1}',
				},
			}),
		).toEqual({
			method: 'GET',
			path: '/api/v1/users.listByStatus',
			qs: {
				status: 'deactivated',
				hasLoggedIn: 'false',
				type: 'bot',
				'roles[]': ['bot', 'user'],
				searchTerm: 'jane',
				'inactiveReason[]': ['idle_too_long', 'pending_approval'],
				sort: '{"username":1}',
			},
			permission: 'view-d-room',
			paginate: { itemsKey: 'users', returnAll: true, limit: 0 },
			output: { key: 'users', each: true, map: simplifyUser },
		});
	});

	test('a single role is still an array; roles from an expression may be text; empty lists are left out', () => {
		expect(buildRequest(getManyByStatus, { options: { roles: ['admin'] } }).qs).toEqual({ 'roles[]': ['admin'] });
		expect(buildRequest(getManyByStatus, { options: { roles: 'admin, user', hasLoggedIn: true } }).qs).toEqual({
			'roles[]': ['admin', 'user'],
			hasLoggedIn: 'true',
		});
		expect(buildRequest(getManyByStatus, { options: { roles: [], inactiveReason: [] } }).qs).toEqual({});
	});

	test.each([
		[{ status: 'pending' }, 'Options → Status (item 2): expected active or deactivated, got "pending"'],
		[{ status: '' }, 'Options → Status (item 2): a value is required when the option is added'],
		[{ hasLoggedIn: 'yes' }, 'Options → Has Logged In (item 2): expected true or false, got "yes"'],
		[{ inactiveReason: ['banned'] }, 'Options → Inactive Reasons (item 2): expected deactivated, idle_too_long or pending_approval, got "banned"'],
		[{ roles: { a: 1 } }, 'Options → Role Names or IDs (item 2): expected a list of values'],
		[{ searchTerm: '  ' }, 'Options → Search Term (item 2): a value is required when the option is added'],
		[{ type: {} }, 'Options → Type (item 2): expected text, got an object'],
		[{ sort: '{"name": 2}' }, 'Options → Sort (JSON) (item 2): "name" must be 1 (ascending) or -1 (descending), got 2'],
	])('option %j is an error naming the field and item', (options, message) => {
		expect(() => buildRequest(getManyByStatus, { options }, { itemIndex: 2 })).toThrow(message);
	});

	test('options are sorted by name', () => {
		const options = getManyByStatus.description.find((property) => property.name === 'options')!.options as Array<{
			displayName: string;
		}>;
		const names = options.map((option) => option.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const options of [
			{},
			{ status: 'active', hasLoggedIn: true, type: 'user', roles: ['admin', 'user'], searchTerm: 'j', inactiveReason: ['deactivated'], sort: '{"name": 1}' },
		]) {
			const spec = buildRequest(getManyByStatus, { returnAll: true, options });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
