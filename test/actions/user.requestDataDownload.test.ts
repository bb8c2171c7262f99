import * as requestDataDownload from '../../nodes/RocketChat/actions/user/requestDataDownload';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Request Data Download (users.requestDataDownload)', () => {
	test.each([
		[undefined, 'false'],
		[false, 'false'],
		[true, 'true'],
		['true', 'true'],
	])('fullExport %j is sent as %s', (fullExport, expected) => {
		expect(buildRequest(requestDataDownload, { fullExport })).toEqual({
			method: 'GET',
			path: '/api/v1/users.requestDataDownload',
			qs: { fullExport: expected },
			output: {},
		});
	});

	test('a non-boolean names the field and item', () => {
		expect(() => buildRequest(requestDataDownload, { fullExport: 'yes' }, { itemIndex: 1 })).toThrow(
			'Full Export (item 1): expected true or false, got "yes"',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const fullExport of [true, false]) {
			const spec = buildRequest(requestDataDownload, { fullExport });
			expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
		}
	});
});
