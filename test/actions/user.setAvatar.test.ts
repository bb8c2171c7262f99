import * as setAvatar from '../../nodes/RocketChat/actions/user/setAvatar';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Set Avatar (users.setAvatar)', () => {
	test('from a URL, for the credential user: JSON body, no permission needed', () => {
		expect(buildRequest(setAvatar, { avatarUrl: ' https://example.com/a.png ' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.setAvatar',
			body: { avatarUrl: 'https://example.com/a.png' },
			output: { map: expect.any(Function) },
		});
	});

	test.each([
		[userRef('list', 'u1'), { userId: 'u1' }],
		[userRef('username', '@jane'), { username: 'jane' }],
	])('from a URL for another user %j', (user, target) => {
		const spec = buildRequest(setAvatar, { source: 'url', avatarUrl: 'http://x.test/a.jpg', user });
		expect(spec.body).toEqual({ avatarUrl: 'http://x.test/a.jpg', ...target });
		expect(spec.permission).toBe('edit-other-user-avatar');
		expect(spec.output?.map?.({})).toEqual({ success: true });
	});

	test('from a binary file: multipart upload of the field "image"', () => {
		expect(buildRequest(setAvatar, { source: 'binary' })).toEqual({
			method: 'POST',
			path: '/api/v1/users.setAvatar',
			upload: { field: 'image', binaryProperty: 'data', fields: {} },
			output: { map: expect.any(Function) },
		});
	});

	test('from a binary file for another user, with a service', () => {
		const spec = buildRequest(setAvatar, {
			source: 'binary',
			binaryPropertyName: 'photo',
			user: userRef('username', 'jane'),
			options: { service: ' gravatar ' },
		});
		expect(spec.upload).toEqual({
			field: 'image',
			binaryProperty: 'photo',
			fields: { username: 'jane', service: 'gravatar' },
		});
		expect(spec.body).toBeUndefined();
		expect(spec.permission).toBe('edit-other-user-avatar');
	});

	test.each([
		[{ avatarUrl: '' }, 'Image URL (item 1): a value is required'],
		[{ avatarUrl: 'ftp://x/a.png' }, 'Image URL (item 1): expected an http:// or https:// URL'],
		[{ avatarUrl: 'not a url' }, 'Image URL (item 1): expected an http:// or https:// URL'],
		[{ source: 'binary', binaryPropertyName: '' }, 'Input Binary Field (item 1): a value is required'],
	])('bad input %j names the field and item', (values, message) => {
		expect(() => buildRequest(setAvatar, values, { itemIndex: 1 })).toThrow(message);
	});

	test('the binary field follows n8n naming', () => {
		expect(setAvatar.description.find((field) => field.name === 'binaryPropertyName')).toMatchObject({
			displayName: 'Input Binary Field',
			default: 'data',
			required: true,
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const specs = [
			buildRequest(setAvatar, { avatarUrl: 'https://example.com/a.png' }),
			buildRequest(setAvatar, { avatarUrl: 'https://example.com/a.png', user: userRef('id', 'u1') }),
			buildRequest(setAvatar, { source: 'binary' }),
			buildRequest(setAvatar, { source: 'binary', user: userRef('id', 'u1'), options: { service: 'google' } }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
