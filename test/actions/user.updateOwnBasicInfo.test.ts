import { createHash } from 'crypto';
import * as updateOwnBasicInfo from '../../nodes/RocketChat/actions/user/updateOwnBasicInfo';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('User → Update Own Basic Info (users.updateOwnBasicInfo)', () => {
	test('profile fields need no password and no 2FA', () => {
		expect(
			buildRequest(updateOwnBasicInfo, {
				updateFields: {
					name: ' Jane Doe ',
					nickname: 'jd',
					bio: 'Engineer',
					username: '@jane',
					statusType: 'away',
					statusText: 'On vacation',
				},
				currentPassword: 'ignored here',
			}),
		).toEqual({
			method: 'POST',
			path: '/api/v1/users.updateOwnBasicInfo',
			body: {
				data: {
					name: 'Jane Doe',
					nickname: 'jd',
					bio: 'Engineer',
					username: 'jane',
					statusType: 'away',
					statusText: 'On vacation',
				},
			},
			refusal: expect.stringContaining('Accounts_AllowUserProfileChange'),
			output: { key: 'user' },
		});
	});

	test('e-mail and password changes send the current password as SHA-256', () => {
		const spec = buildRequest(updateOwnBasicInfo, {
			updateFields: { email: ' jane@example.com ', newPassword: ' new pass ' },
			currentPassword: ' old pass ',
		});
		expect(spec.body).toEqual({
			data: { email: 'jane@example.com', newPassword: ' new pass ', currentPassword: sha256(' old pass ') },
		});
		expect(JSON.stringify(spec.body)).not.toContain('old pass');
		expect(spec.twoFactor).toBeUndefined();
	});

	test('empty texts clear nickname, bio and status text', () => {
		expect(buildRequest(updateOwnBasicInfo, { updateFields: { nickname: '', bio: ' ', statusText: '' } }).body).toEqual({
			data: { nickname: '', bio: '', statusText: '' },
		});
	});

	test('custom fields go next to data, as JSON text or an object', () => {
		expect(buildRequest(updateOwnBasicInfo, { updateFields: { customFields: '{"team": "a"}' } }).body).toEqual({
			data: {},
			customFields: { team: 'a' },
		});
		expect(
			buildRequest(updateOwnBasicInfo, { updateFields: { name: 'J', customFields: { team: 'b' } } }).body,
		).toEqual({ data: { name: 'J' }, customFields: { team: 'b' } });
		expect(buildRequest(updateOwnBasicInfo, { updateFields: { name: 'J', customFields: '{}' } }).body).toEqual({
			data: { name: 'J' },
		});
	});

	test.each([[{ email: 'a@b.c' }], [{ newPassword: 'pw' }]])('changing %j without the current password is a clear error', (updateFields) => {
		expect(() => buildRequest(updateOwnBasicInfo, { updateFields }, { itemIndex: 2 })).toThrow(
			'Current Password (item 2): required to change the e-mail or the password',
		);
	});

	test.each([
		[{}, 'Update Fields (item 1): add at least one field to update'],
		[{ customFields: '{}' }, 'Update Fields (item 1): add at least one field to update'],
		[{ email: 'nope' }, 'Update Fields → Email (item 1): not a valid e-mail address: "nope"'],
		[{ email: '' }, 'Update Fields → Email (item 1): a value is required when the field is added'],
		[{ newPassword: '' }, 'Update Fields → New Password (item 1): a value is required when the field is added'],
		[{ username: '@' }, 'Update Fields → Username (item 1): a value is required when the field is added'],
		[{ name: ' ' }, 'Update Fields → Name (item 1): a value is required when the field is added'],
		[{ statusType: 'invisible' }, 'Update Fields → Status Type (item 1): expected online, away, busy or offline'],
		[{ customFields: '{oops' }, 'Update Fields → Custom Fields (JSON) (item 1): invalid JSON'],
		[{ customFields: '[1]' }, 'Update Fields → Custom Fields (JSON) (item 1): expected a JSON object'],
		[{ bio: { a: 1 } }, 'Update Fields → Bio (item 1): expected text, got an object'],
	])('bad input %j names the field and item', (updateFields, message) => {
		expect(() => buildRequest(updateOwnBasicInfo, { updateFields, currentPassword: 'x' }, { itemIndex: 1 })).toThrow(
			message,
		);
	});

	test('password fields are password-type fields', () => {
		const current = updateOwnBasicInfo.description.find((field) => field.name === 'currentPassword');
		const fields = updateOwnBasicInfo.description.find((field) => field.name === 'updateFields');
		const newPassword = (fields?.options as Array<{ name: string }>).find((option) => option.name === 'newPassword');
		expect(current).toMatchObject({ typeOptions: { password: true } });
		expect(newPassword).toMatchObject({ typeOptions: { password: true } });
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const specs = [
			buildRequest(updateOwnBasicInfo, { updateFields: { name: 'J', bio: 'b', statusType: 'busy' } }),
			buildRequest(updateOwnBasicInfo, {
				updateFields: { email: 'a@b.c', newPassword: 'n', customFields: '{"x":1}' },
				currentPassword: 'o',
			}),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
