import * as getAll from '../../nodes/RocketChat/actions/user/getAll';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Many (users.list)', () => {
	test('defaults: first 50 users, one item per user, no deprecated query/fields', () => {
		expect(buildRequest(getAll)).toEqual({
			method: 'GET',
			path: '/api/v1/users.list',
			qs: {},
			permission: 'view-d-room',
			paginate: { itemsKey: 'users', returnAll: false, limit: 50 },
			output: { key: 'users', each: true },
		});
	});

	test('Return All with e-mail filter, sort and Simplify', () => {
		expect(
			buildRequest(getAll, {
				returnAll: true,
				simplify: true,
				options: { email: ' jane@example.com ', sort: '{"createdAt": -1, "name": 1}' },
			}),
		).toEqual({
			method: 'GET',
			path: '/api/v1/users.list',
			qs: { email: 'jane@example.com', sort: '{"createdAt":-1,"name":1}' },
			permission: 'view-d-room',
			paginate: { itemsKey: 'users', returnAll: true, limit: 0 },
			output: { key: 'users', each: true, map: simplifyUser },
		});
	});

	test('never sends query or fields, whatever the options hold', () => {
		const qs = buildRequest(getAll, { options: { query: '{"active": true}', fields: '{"name": 1}' } }).qs;
		expect(qs).toEqual({});
	});

	test.each([
		[{ options: { email: ' ' } }, 'Options → Email (item 6): a value is required when the option is added'],
		[{ options: { email: { a: 1 } } }, 'Options → Email (item 6): expected text, got an object'],
		[{ options: { sort: '{"name": "asc"}' } }, 'Options → Sort (JSON) (item 6): "name" must be 1 (ascending) or -1 (descending), got "asc"'],
		[{ options: { sort: 'name' } }, 'Options → Sort (JSON) (item 6): invalid JSON'],
		[{ limit: -1 }, 'Limit (item 6): must be at least 1'],
		[{ returnAll: 'sometimes' }, 'Return All (item 6): expected true or false, got "sometimes"'],
	])('%j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(getAll, values, { itemIndex: 6 })).toThrow(message);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{}, { returnAll: true, options: { email: 'jane@example.com', sort: '{"name": 1}' } }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(getAll, values)))).toEqual([]);
		}
	});
});
