import * as getManyOwn from '../../nodes/RocketChat/actions/deviceManagement/getManyOwn';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Get Many Own Sessions (sessions/list)', () => {
	test('defaults: first 50 sessions, one item per session, no 2FA', () => {
		expect(buildRequest(getManyOwn)).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/list',
			qs: {},
			paginate: { itemsKey: 'sessions', returnAll: false, limit: 50 },
			output: { key: 'sessions', each: true },
		});
	});

	test('Return All, search text and sort', () => {
		expect(
			buildRequest(getManyOwn, {
				returnAll: true,
				limit: 5,
				options: { filter: ' Chrome ', sort: '{"device.name": 1, "loginAt": -1}' },
			}),
		).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/list',
			// The server sorts only inside a page: the sort is applied after reading, not sent.
			qs: { filter: 'Chrome' },
			paginate: { itemsKey: 'sessions', returnAll: true, limit: 0 },
			output: { key: 'sessions', each: true, sort: [['device.name', 1], ['loginAt', -1]] },
		});
	});

	test('a sort object from an expression and empty options are accepted', () => {
		const fromExpression = buildRequest(getManyOwn, { options: { sort: { loginAt: 1 }, filter: '' } });
		expect(fromExpression.qs).toEqual({});
		expect(fromExpression.output?.sort).toEqual([['loginAt', 1]]);
		expect(buildRequest(getManyOwn, { options: { sort: '{}' } }).qs).toEqual({});
		expect(buildRequest(getManyOwn, { options: { sort: ' ' } }).qs).toEqual({});
	});

	test.each([
		['{"loginAt": "desc"}', 'Options → Sort (JSON) (item 3): "loginAt" must be 1 (ascending) or -1 (descending), got "desc"'],
		['{"loginAt": 0}', 'Options → Sort (JSON) (item 3): "loginAt" must be 1 (ascending) or -1 (descending), got 0'],
		['{loginAt: 1}', 'Options → Sort (JSON) (item 3): invalid JSON'],
		['[1]', 'Options → Sort (JSON) (item 3): expected a JSON object'],
	])('a bad sort %s names the field and item', (sort, message) => {
		expect(() => buildRequest(getManyOwn, { options: { sort } }, { itemIndex: 3 })).toThrow(message);
	});

	test('a bad limit names the field and item', () => {
		expect(() => buildRequest(getManyOwn, { limit: 0 }, { itemIndex: 1 })).toThrow('Limit (item 1): must be at least 1');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{}, { returnAll: true, options: { filter: 'Chrome', sort: '{"loginAt": -1}' } }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(getManyOwn, values)))).toEqual([]);
		}
	});
});
