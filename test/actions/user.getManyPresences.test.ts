import * as getManyPresences from '../../nodes/RocketChat/actions/user/getManyPresences';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Many Presences (users.presence)', () => {
	test('without filters it asks for everyone and outputs one item per user', () => {
		expect(buildRequest(getManyPresences)).toEqual({
			method: 'GET',
			path: '/api/v1/users.presence',
			qs: {},
			output: { key: 'users', each: true },
		});
	});

	test('IDs become a comma-separated list, the date ISO 8601 in UTC', () => {
		const spec = buildRequest(getManyPresences, {
			ids: ' J4sWseCgs8eEnWvhE , BsNr28znDkG8aeo7W,, ',
			options: { from: '2026-01-15T10:30:00+02:00' },
		});
		expect(spec.qs).toEqual({ from: '2026-01-15T08:30:00.000Z', ids: 'J4sWseCgs8eEnWvhE,BsNr28znDkG8aeo7W' });
	});

	test.each([
		[['a', 'b'], 'a,b'],
		['a', 'a'],
	])('IDs from an expression (%j)', (ids, expected) => {
		expect(buildRequest(getManyPresences, { ids }).qs).toEqual({ ids: expected });
	});

	test.each([
		[new Date('2026-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z'],
		[Date.UTC(2026, 0, 2), '2026-01-02T00:00:00.000Z'],
		[{ toMillis: () => Date.UTC(2026, 0, 3) }, '2026-01-03T00:00:00.000Z'],
		['2026-01-15T12:00:00', new Date('2026-01-15T12:00:00').toISOString()],
	])('dates from a dateTime field or an expression (%j)', (from, expected) => {
		expect(buildRequest(getManyPresences, { options: { from } }).qs).toEqual({ from: expected });
	});

	test('an unreadable date names the field and item', () => {
		expect(() => buildRequest(getManyPresences, { options: { from: 'yesterday' } }, { itemIndex: 5 })).toThrow(
			'Options → Changed Since (item 5): expected a date and time such as 2026-01-31T17:00:00Z, got "yesterday"',
		);
	});

	test('IDs of the wrong type name the field and item', () => {
		expect(() => buildRequest(getManyPresences, { ids: { a: 1 } }, { itemIndex: 1 })).toThrow(
			'User IDs (item 1): expected a list of values',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const specs = [
			buildRequest(getManyPresences),
			buildRequest(getManyPresences, { ids: 'a,b', options: { from: '2026-01-15T10:30:00Z' } }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
