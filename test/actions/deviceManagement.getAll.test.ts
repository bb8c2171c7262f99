import * as getAll from '../../nodes/RocketChat/actions/deviceManagement/getAll';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('Device Management → Get Many (sessions/list.all)', () => {
	test('defaults: first 50 sessions of every user, 2FA-gated, one item per session', () => {
		expect(buildRequest(getAll)).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/list.all',
			qs: {},
			twoFactor: {},
			permission: 'view-device-management',
			paginate: { itemsKey: 'sessions', returnAll: false, limit: 50 },
			output: { key: 'sessions', each: true },
		});
	});

	test('Return All with search, sort and a 2FA override', () => {
		expect(
			buildRequest(getAll, {
				returnAll: true,
				options: { filter: 'jane', sort: '{"_user.username": 1}' },
				twoFactorOverride: { code: '112233', method: 'email' },
			}),
		).toEqual({
			method: 'GET',
			path: '/api/v1/sessions/list.all',
			qs: { filter: 'jane' },
			twoFactor: { code: '112233', method: 'email' },
			permission: 'view-device-management',
			paginate: { itemsKey: 'sessions', returnAll: true, limit: 0 },
			output: { key: 'sessions', each: true, sort: [['_user.username', 1]] },
		});
	});

	test('a limit typed as text is read as a number', () => {
		expect(buildRequest(getAll, { limit: '120' }).paginate).toEqual({ itemsKey: 'sessions', returnAll: false, limit: 120 });
	});

	test('validation errors name the field and item', () => {
		expect(() => buildRequest(getAll, { limit: 2.5 }, { itemIndex: 2 })).toThrow(
			'Limit (item 2): expected a whole number, got 2.5',
		);
		expect(() => buildRequest(getAll, { options: { filter: ['a'] } }, { itemIndex: 2 })).toThrow(
			'Options → Search (item 2): expected text, got an object',
		);
		expect(() => buildRequest(getAll, { options: { sort: '{"loginAt": true}' } }, { itemIndex: 2 })).toThrow(
			'Options → Sort (JSON) (item 2): "loginAt" must be 1 (ascending) or -1 (descending), got true',
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{}, { returnAll: true, options: { filter: 'jane', sort: '{"loginAt": 1}' } }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(getAll, values)))).toEqual([]);
		}
	});
});
