import * as getAvatar from '../../nodes/RocketChat/actions/user/getAvatar';
import { buildRequest, toContractRequest } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();

describe('User → Get Avatar (avatar/{subject})', () => {
	test('downloads a user avatar without auth headers, SVG by default', () => {
		expect(buildRequest(getAvatar, { username: ' @jane.doe ' })).toEqual({
			method: 'GET',
			path: '/avatar/jane.doe',
			qs: {},
			auth: 'none',
			download: { binaryProperty: 'data', fileName: 'avatar-jane.doe' },
		});
	});

	test.each([
		['general', '/avatar/@general'],
		['#general', '/avatar/@general'],
		['@general', '/avatar/@general'],
	])('a room avatar is asked for as @<name> (%s)', (roomName, path) => {
		const spec = buildRequest(getAvatar, { avatarOf: 'room', roomName, binaryPropertyName: 'avatar' });
		expect(spec.path).toBe(path);
		expect(spec.download).toEqual({ binaryProperty: 'avatar', fileName: 'avatar-general' });
	});

	test('encodes characters that are not safe in a path', () => {
		expect(buildRequest(getAvatar, { username: 'jörg/x y' }).path).toBe('/avatar/j%C3%B6rg%2Fx%20y');
	});

	test.each([
		[{ format: 'png', size: 64 }, { format: 'png', size: 64 }],
		[{ format: 'jpeg' }, { format: 'jpeg' }],
		[{ format: 'JPG', size: '32' }, { format: 'jpg', size: 32 }],
		[{ format: 'svg', size: 200 }, { size: 200 }],
		[{}, {}],
	])('options %j become the query %j', (options, qs) => {
		expect(buildRequest(getAvatar, { username: 'jane', options }).qs).toEqual(qs);
	});

	test.each([
		[{ username: '' }, 'Username (item 1): a value is required'],
		[{ username: '@' }, 'Username (item 1): a value is required'],
		[{ avatarOf: 'room', roomName: ' ' }, 'Room Name (item 1): a value is required'],
		[{ username: 'jane', binaryPropertyName: '' }, 'Put Output File in Field (item 1): a value is required'],
		[{ username: 'jane', options: { format: 'gif' } }, 'Options → Format (item 1): expected JPEG, PNG or SVG, got "gif"'],
		[{ username: 'jane', options: { size: 0 } }, 'Options → Size (item 1): expected a whole number of pixels of at least 1, got 0'],
		[{ username: 'jane', options: { size: 'big' } }, 'Options → Size (item 1)'],
	])('bad input %j is an error naming the field and item', (values, message) => {
		expect(() => buildRequest(getAvatar, values, { itemIndex: 1 })).toThrow(message);
	});

	test('the output field follows n8n naming', () => {
		expect(getAvatar.description.find((field) => field.name === 'binaryPropertyName')).toMatchObject({
			displayName: 'Put Output File in Field',
			default: 'data',
			required: true,
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const specs = [
			buildRequest(getAvatar, { username: 'alice', options: { format: 'png', size: 64 } }),
			buildRequest(getAvatar, { avatarOf: 'room', roomName: 'general' }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
