import * as update from '../../nodes/RocketChat/actions/user/update';
import { simplifyUser } from '../../nodes/RocketChat/actions/shared/fields';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const user = userRef('id', 'BsNr28znDkG8aeo7W');

describe('User → Update (users.update)', () => {
	test('sends userId and the added fields under data, 2FA-gated', () => {
		expect(buildRequest(update, { user, updateFields: { name: ' Jane ', active: false } })).toEqual({
			method: 'POST',
			path: '/api/v1/users.update',
			body: { userId: 'BsNr28znDkG8aeo7W', data: { name: 'Jane', active: false } },
			twoFactor: {},
			permission: 'edit-other-user-info',
			output: { key: 'user', each: false },
		});
	});

	test('every update field, Confirm Relinquish top-level, Simplify and a 2FA override', () => {
		const spec = buildRequest(update, {
			user: userRef('list', 'abc'),
			updateFields: {
				active: false,
				bio: '',
				customFields: '{"team": "a"}',
				email: 'jane@example.com',
				name: 'Jane',
				nickname: ' ',
				password: ' new pass ',
				requirePasswordChange: true,
				roles: ['admin', 'user'],
				sendWelcomeEmail: false,
				statusText: 'Away',
				username: '@jane',
				verified: true,
			},
			simplify: true,
			options: { confirmRelinquish: true },
			twoFactorOverride: { code: '123456', method: 'totp' },
		});
		expect(spec.body).toEqual({
			userId: 'abc',
			data: {
				active: false,
				bio: '',
				customFields: { team: 'a' },
				email: 'jane@example.com',
				name: 'Jane',
				nickname: '',
				password: ' new pass ',
				requirePasswordChange: true,
				roles: ['admin', 'user'],
				sendWelcomeEmail: false,
				statusText: 'Away',
				username: 'jane',
				verified: true,
			},
			confirmRelinquish: true,
		});
		expect(spec.twoFactor).toEqual({ code: '123456', method: 'totp' });
		expect(spec.output).toEqual({ key: 'user', each: false, map: simplifyUser });
	});

	test('Confirm Relinquish off is not sent; "true" from an expression is', () => {
		expect(buildRequest(update, { user, updateFields: { name: 'J' }, options: { confirmRelinquish: false } }).body).toEqual({
			userId: 'BsNr28znDkG8aeo7W',
			data: { name: 'J' },
		});
		expect(buildRequest(update, { user, updateFields: { name: 'J' }, options: { confirmRelinquish: 'true' } }).body).toEqual({
			userId: 'BsNr28znDkG8aeo7W',
			data: { name: 'J' },
			confirmRelinquish: true,
		});
	});

	test('a plain text value is taken as a user ID', () => {
		expect(buildRequest(update, { user: ' u1 ', updateFields: { name: 'J' } }).body).toEqual({ userId: 'u1', data: { name: 'J' } });
	});

	test.each([
		[{ user: userRef('username', 'jane'), updateFields: { name: 'J' } }, 'User (item 1): this operation needs a user ID; pick the user From List or By ID'],
		[{ user: userRef('id', ''), updateFields: { name: 'J' } }, 'User (item 1): choose a user'],
		[{ user, updateFields: {} }, 'Update Fields (item 1): add at least one field to update'],
		[{ user, updateFields: { customFields: '{}' } }, 'Update Fields (item 1): add at least one field to update'],
		[{ user, updateFields: { email: 'nope' } }, 'Update Fields → Email (item 1): not a valid e-mail address: "nope"'],
		[{ user, updateFields: { name: '' } }, 'Update Fields → Name (item 1): a value is required'],
		[{ user, updateFields: { password: '' } }, 'Update Fields → Password (item 1): a value is required'],
		[{ user, updateFields: { roles: '' } }, 'Update Fields → Role Names or IDs (item 1): choose at least one role, or remove the field'],
		[{ user, updateFields: { customFields: '[]' } }, 'Update Fields → Custom Fields (JSON) (item 1): expected a JSON object'],
		[{ user, updateFields: { verified: 1 } }, 'Update Fields → Verified (item 1): expected true or false, got 1'],
		[{ user, updateFields: { name: 'J' }, options: { confirmRelinquish: 'yes' } }, 'Options → Confirm Relinquish (item 1): expected true or false, got "yes"'],
	])('%j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(update, values, { itemIndex: 1 })).toThrow(message);
	});

	test('the user picker offers no username mode, and Verified defaults to true as in the spec', () => {
		const locator = update.description.find((property) => property.name === 'user')!;
		expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		const fields = update.description.find((property) => property.name === 'updateFields')!;
		const options = fields.options as Array<{ name: string; displayName: string; default: unknown }>;
		expect(options.find((option) => option.name === 'verified')?.default).toBe(true);
		const displayNames = options.map((option) => option.displayName);
		expect(displayNames).toEqual([...displayNames].sort((a, b) => a.localeCompare(b)));
		expect(options.map((option) => option.name).sort()).toEqual(
			['active', 'bio', 'customFields', 'email', 'name', 'nickname', 'password', 'requirePasswordChange', 'roles', 'sendWelcomeEmail', 'statusText', 'username', 'verified'],
		);
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		for (const values of [
			{ user, updateFields: { name: 'J' } },
			{ user, updateFields: { email: 'a@b.c', roles: ['user'], customFields: '{"a": 1}', bio: 'x', verified: true }, options: { confirmRelinquish: true } },
		]) {
			expect(contract!.validateRequest(toContractRequest(buildRequest(update, values)))).toEqual([]);
		}
	});
});
