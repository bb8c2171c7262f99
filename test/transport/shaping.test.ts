import type { INode } from 'n8n-workflow';
import { encodeMultipart, baseMimeType, fileNameFor } from '../../nodes/RocketChat/transport/binary';
import { normalizeServerUrl } from '../../nodes/RocketChat/transport/connection';
import { apiError } from '../../nodes/RocketChat/transport/errors';
import { isMarkedNonRetryable, requestFailure } from '../../nodes/RocketChat/transport/networkErrors';
import { entitiesOf } from '../../nodes/RocketChat/transport/request';

const node: INode = {
	id: '1',
	name: 'Rocket.Chat',
	type: 'n8n-nodes-rocketchat.rocketChat',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('server URL', () => {
	test.each([
		['https://chat.example.com', 'https://chat.example.com'],
		['https://chat.example.com/', 'https://chat.example.com'],
		['https://chat.example.com/api/v1', 'https://chat.example.com'],
		['https://chat.example.com/api/v1/', 'https://chat.example.com'],
		[' http://127.0.0.1:3000/chat/api/ ', 'http://127.0.0.1:3000/chat'],
	])('%s → %s', (input, expected) => {
		expect(normalizeServerUrl(input)).toBe(expected);
	});
});

describe('output shaping', () => {
	test('the entity under a key, or the response without success', () => {
		expect(entitiesOf({ method: 'GET', path: '/x', output: { key: 'user' } }, { user: { _id: 'a' }, success: true })).toEqual([{ _id: 'a' }]);
		expect(entitiesOf({ method: 'GET', path: '/x' }, { count: 3, success: true })).toEqual([{ count: 3 }]);
		expect(entitiesOf({ method: 'GET', path: '/x', output: { key: 'items', each: true } }, { items: [{ a: 1 }, { a: 2 }], success: true })).toEqual([{ a: 1 }, { a: 2 }]);
		expect(entitiesOf({ method: 'POST', path: '/x' }, { status: 'success' })).toEqual([{ status: 'success' }]);
	});
});

describe('multipart encoding', () => {
	test('fields first, then the file with its name and type, byte-exact', () => {
		const data = Buffer.from([0, 1, 2, 255]);
		const { body, contentType } = encodeMultipart(
			{ userId: 'u1' },
			{ field: 'image', fileName: 'me.png', mimeType: 'image/png', data },
		);
		const boundary = contentType.split('boundary=')[1];
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		const text = body.toString('latin1');
		expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="userId"\r\n\r\nu1\r\n`);
		expect(text).toContain('name="image"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n');
		const start = body.indexOf(Buffer.from('image/png\r\n\r\n')) + 'image/png\r\n\r\n'.length;
		expect(body.subarray(start, start + 4)).toEqual(data);
		expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
	});

	test('MIME types and file names', () => {
		expect(baseMimeType('image/svg+xml; charset=utf-8')).toBe('image/svg+xml');
		expect(fileNameFor('avatar-jane', 'image/jpeg')).toBe('avatar-jane.jpg');
		expect(fileNameFor('avatar-jane', 'application/x-unknown')).toBe('avatar-jane');
	});
});

describe('error mapping', () => {
	const spec = { method: 'POST' as const, path: '/api/v1/users.update', permission: 'edit-other-user-info' };

	test('totp-required explains how to set up 2FA', () => {
		const error = apiError(node, spec, 400, { success: false, error: 'TOTP Required [totp-required]', errorType: 'totp-required', details: { method: 'password' } }, 2);
		expect(error.message).toBe('TOTP Required [totp-required]');
		expect(error.description).toContain('"password" method');
		expect(error.description).toContain('Two-Factor Method');
		expect(error.httpCode).toBe('400');
	});

	test('user-last-owner names the rooms and Confirm Relinquish', () => {
		const error = apiError(node, spec, 400, { success: false, error: 'last owner', errorType: 'user-last-owner', details: { shouldChangeOwner: ['general'], shouldBeRemoved: ['private'] } }, 0);
		expect(error.description).toContain('general, private');
		expect(error.description).toContain('Confirm Relinquish');
	});

	test('401 from Device Management mentions the licence', () => {
		const error = apiError(node, { method: 'GET', path: '/api/v1/sessions/list.all' }, 401, { success: false, error: 'unauthorized' }, 0);
		expect(error.description).toContain('licence');
	});

	test('403 names the permission', () => {
		const error = apiError(node, spec, 403, { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' }, 0);
		expect(error.description).toContain('"edit-other-user-info"');
	});

	test('a broken connection keeps no request details (headers carry the token)', () => {
		const raw = Object.assign(new Error('socket hang up'), {
			code: 'ECONNRESET',
			config: { headers: { 'X-Auth-Token': 'super-secret-token' } },
		});
		const error = requestFailure(node, raw, 0, { url: 'http://127.0.0.1:1/avatar/jane?rc_token=super-secret-token', timeoutMs: 60_000, trigger: false });
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description, cause: error.cause });
		expect(everything).not.toContain('super-secret-token');
		expect(error.httpCode).toBe('ECONNRESET');
	});

	test("an error n8n marks non-retryable is recognised through its causes, whatever its code", () => {
		// n8n's own marker (@n8n/backend-network), as on its SSRF errors.
		const { markNonRetryable } = require(require.resolve('@n8n/backend-network', { paths: [require.resolve('n8n-core')] }));
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(isMarkedNonRetryable(new Error('wrapper', { cause: reset }))).toBe(false);
		markNonRetryable(reset);
		expect(isMarkedNonRetryable(new Error('wrapper', { cause: reset }))).toBe(true);
	});
});
