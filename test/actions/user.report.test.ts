import * as report from '../../nodes/RocketChat/actions/user/report';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Report (moderation.reportUser)', () => {
	test('sends the user ID and the reason as description', () => {
		expect(buildRequest(report, { user: userRef('list', 'ByehQjC44FwMeiLbX'), reason: ' Spam links ' })).toEqual({
			method: 'POST',
			path: '/api/v1/moderation.reportUser',
			body: { userId: 'ByehQjC44FwMeiLbX', description: 'Spam links' },
			output: {},
		});
	});

	test('both fields are required and name the field and the item', () => {
		expect(() => buildRequest(report, { reason: 'x' }, { itemIndex: 1 })).toThrow('User (item 1): choose a user');
		expect(() => buildRequest(report, { user: userRef('id', 'abc'), reason: ' ' }, { itemIndex: 2 })).toThrow(
			'Reason (item 2): a value is required',
		);
		expect(() => buildRequest(report, { user: userRef('username', 'jane'), reason: 'x' })).toThrow(
			'User (item 0): this operation needs a user ID',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const spec = buildRequest(report, { user: userRef('id', 'ByehQjC44FwMeiLbX'), reason: 'test' });
		expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
