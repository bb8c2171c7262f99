import * as autocomplete from '../../nodes/RocketChat/actions/user/autocomplete';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Autocomplete (users.autocomplete)', () => {
	test('sends the selector as a JSON string and outputs one item per user', () => {
		expect(buildRequest(autocomplete, { term: ' ali ' })).toEqual({
			method: 'GET',
			path: '/api/v1/users.autocomplete',
			qs: { selector: '{"term":"ali"}' },
			output: { key: 'items', each: true },
		});
	});

	test('adds exceptions and conditions', () => {
		const spec = buildRequest(autocomplete, {
			term: 'a',
			options: { exceptions: 'rocket.cat, @jane.doe,', conditions: '{"status": "online"}' },
		});
		expect(JSON.parse(spec.qs!.selector as string)).toEqual({
			term: 'a',
			exceptions: ['rocket.cat', 'jane.doe'],
			conditions: { status: 'online' },
		});
	});

	test('empty conditions and exceptions are left out; arrays and objects from expressions work', () => {
		expect(buildRequest(autocomplete, { term: 'a', options: { exceptions: '', conditions: '{}' } }).qs).toEqual({
			selector: '{"term":"a"}',
		});
		const spec = buildRequest(autocomplete, {
			term: 'a',
			options: { exceptions: ['x', 'y'], conditions: { type: 'user' } },
		});
		expect(spec.qs).toEqual({ selector: '{"term":"a","exceptions":["x","y"],"conditions":{"type":"user"}}' });
	});

	test.each([
		[{ term: '' }, 'Term (item 2): a value is required'],
		[{ term: 'a', options: { conditions: '{bad' } }, 'Options → Conditions (JSON) (item 2): invalid JSON'],
		[{ term: 'a', options: { conditions: '"text"' } }, 'Options → Conditions (JSON) (item 2): expected a JSON object'],
		[{ term: 'a', options: { exceptions: 5 } }, 'Options → Exceptions (item 2): expected a list of values'],
	])('bad input %j names the field and item', (values, message) => {
		expect(() => buildRequest(autocomplete, values, { itemIndex: 2 })).toThrow(message);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const specs = [
			buildRequest(autocomplete, { term: 'ali' }),
			buildRequest(autocomplete, { term: 'ali', options: { exceptions: 'x', conditions: '{"a":1}' } }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
