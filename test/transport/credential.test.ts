import type { IHttpRequestOptions } from 'n8n-workflow';
import { RocketChatWorkspaceApi } from '../../credentials/RocketChatWorkspaceApi.credentials';

describe('credential: authenticate', () => {
	const credential = new RocketChatWorkspaceApi();
	const data = { serverUrl: 'https://chat.example.com', userId: 'admin-id', authToken: 'the-token', twoFactorMethod: 'none' };

	it('is a function, so n8n evaluates no expression per request', () => {
		expect(typeof credential.authenticate).toBe('function');
	});

	it('adds X-User-Id and X-Auth-Token and keeps the request’s own headers', async () => {
		const authenticate = credential.authenticate as (c: typeof data, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const request: IHttpRequestOptions = { url: 'https://chat.example.com/api/v1/me', headers: { 'x-2fa-code': '123456', 'x-2fa-method': 'totp' } };
		const sent = await authenticate(data, request);
		expect(sent.headers).toEqual({ 'x-2fa-code': '123456', 'x-2fa-method': 'totp', 'X-User-Id': 'admin-id', 'X-Auth-Token': 'the-token' });
		expect(sent.url).toBe(request.url);
	});

	it('sends empty headers, not "undefined", when a field is missing', async () => {
		const authenticate = credential.authenticate as (c: object, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const sent = await authenticate({ serverUrl: 'https://chat.example.com' }, { url: 'https://chat.example.com/api/v1/me' });
		expect(sent.headers).toEqual({ 'X-User-Id': '', 'X-Auth-Token': '' });
	});
});
