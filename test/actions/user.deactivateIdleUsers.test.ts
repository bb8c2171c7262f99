import * as deactivateIdle from '../../nodes/RocketChat/actions/user/deactivateIdleUsers';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Deactivate Idle Users (users.deactivateIdle)', () => {
	test('deactivates: posts daysIdle and role, outputs {count}', () => {
		expect(buildRequest(deactivateIdle, { daysIdle: 30 })).toEqual({
			method: 'POST',
			path: '/api/v1/users.deactivateIdle',
			body: { daysIdle: 30, role: 'user' },
			permission: 'edit-other-user-active-status',
			output: {},
		});
		expect(buildRequest(deactivateIdle, { daysIdle: '7', role: ' livechat-agent ' }).body).toEqual({
			daysIdle: 7,
			role: 'livechat-agent',
		});
		expect(buildRequest(deactivateIdle, { daysIdle: 7, role: '' }).body).toEqual({ daysIdle: 7, role: 'user' });
	});

	test.each([
		[{ daysIdle: 0 }, 'Days Idle (item 4): must be at least 1'],
		[{ daysIdle: -3 }, 'Days Idle (item 4): must be at least 1'],
		[{ daysIdle: 1.5 }, 'Days Idle (item 4): expected a whole number, got 1.5'],
		[{ daysIdle: '' }, 'Days Idle (item 4): expected a whole number, got ""'],
		[{ daysIdle: 30, role: { id: 'user' } }, 'Role Name or ID (item 4): expected text, got an object'],
	])('%j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(deactivateIdle, values, { itemIndex: 4 })).toThrow(message);
	});

	test('only acts: it has no preview switch and no Simplify', () => {
		const names = deactivateIdle.description.map((property) => property.name);
		expect(names).not.toContain('previewOnly');
		expect(names).not.toContain('simplify');
		expect(buildRequest(deactivateIdle, { daysIdle: 30, previewOnly: true }).method).toBe('POST');
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [{ daysIdle: 30 }, { daysIdle: 2, role: 'admin' }]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(deactivateIdle, values)))).toEqual([]);
		}
	});
});
