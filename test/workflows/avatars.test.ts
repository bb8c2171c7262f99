/**
 * Avatars as binary data in a workflow, in both of n8n's binary modes (default: base64 in the item;
 * filesystem: stored on disk, the item only references it): Get Avatar downloads an image, Set Avatar
 * uploads it from the item's binary property to another user, Get User Avatar (users.getAvatar answers
 * 307; the redirect is followed) and Get Avatar read it back. The bytes and MIME type must survive the
 * whole round trip, on the server and in n8n.
 */
import { binaryBytes, credentialFor, expectNoSecrets, requestsTo, runFile } from './helpers';
import { binaryStoragePath } from '../support/engine';

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import { SAMPLE_JPEG, startSimulator, type Simulator } from '../../simulator/server';
import type { SimUser } from '../../simulator/types';
import { FakeServer } from '../support/fakeServer';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** All files n8n wrote in filesystem mode. */
function storedFiles(): Buffer[] {
	const root = binaryStoragePath();
	if (!fs.existsSync(root)) return [];
	return (fs.readdirSync(root, { recursive: true }) as string[])
		.map((entry) => path.join(root, entry))
		.filter((file) => fs.statSync(file).isFile() && !file.endsWith('.metadata'))
		.map((file) => fs.readFileSync(file));
}

describe.each(['default', 'filesystem'] as const)('binary mode "%s"', (binaryMode) => {
	let sim: Simulator;
	let target: SimUser;

	beforeAll(async () => {
		sim = await startSimulator({ users: 5, seed: 51, now: new Date('2026-06-01T12:00:00.000Z') });
		sim.addUser({ username: 'avatar.source', name: 'Avatar Source' });
		target = sim.addUser({ username: 'avatar.target', name: 'Avatar Target' }).user;
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.clearRequests());

	/** The binary property of the single output item of a node, and its bytes. */
	async function binaryOf(items: INodeExecutionData[], property: string): Promise<{ binary: IBinaryData; bytes: Buffer }> {
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].binary ?? {})).toEqual([property]);
		const binary = items[0].binary![property];
		if (binaryMode === 'filesystem') {
			// On disk: the item only points at the file.
			expect(binary.id).toMatch(/^filesystem-v2:/);
			expect(binary.data).toBe('filesystem-v2');
		} else {
			expect(binary.id).toBeUndefined();
		}
		const bytes = await binaryBytes(binary);
		if (binaryMode === 'filesystem') expect(storedFiles().some((file) => file.equals(bytes))).toBe(true);
		return { binary, bytes };
	}

	test('download → upload to another user → Get User Avatar (307 followed) and Get Avatar return the same PNG', async () => {
		expect(target.avatar).toBeUndefined();
		const credential = credentialFor(sim, sim.admin);
		const result = await runFile('avatars', { credential, binaryMode });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// 1. The source user's avatar, as PNG of 64 px.
		const source = await binaryOf(result.output('Get Source Avatar')[0], 'data');
		expect(source.bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
		expect(source.binary).toMatchObject({ mimeType: 'image/png', fileName: 'avatar-avatar.source.png', fileExtension: 'png' });
		// No upload yet: the generated letter avatar.
		expect(result.json('Get Source Avatar')).toEqual([{ fileName: 'avatar-avatar.source.png', mimeType: 'image/png', fileSize: source.bytes.length, avatarSource: 'letter' }]);
		const [sourceRequest] = requestsTo(sim, '/avatar/avatar.source');
		expect(sourceRequest.query).toEqual({ format: 'png', size: '64' });
		// The image route reads no REST headers: the credential goes as the rc_uid/rc_token cookie (own origin only).
		expect(sourceRequest.headers['x-auth-token']).toBeUndefined();
		expect(sourceRequest.headers.cookie).toBe(`rc_uid=${sim.admin.userId}; rc_token=${sim.admin.authToken}`);

		// 2. Uploaded as multipart from the binary property, for the target user.
		expect(result.json('Set Avatar')).toEqual([{ success: true }]);
		const [upload] = requestsTo(sim, '/api/v1/users.setAvatar');
		expect(upload.status).toBe(200);
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.parts?.map((part) => [part.name, part.filename, part.contentType])).toEqual([
			['username', undefined, undefined],
			['image', 'avatar-avatar.source.png', 'image/png'],
		]);
		expect(upload.parts?.[0].data.toString('utf8')).toBe('avatar.target');
		expect(upload.parts?.[1].data.equals(source.bytes)).toBe(true);
		// What the server stored: the same bytes, as image/png, for the target.
		expect(target.avatar).toMatchObject({ origin: 'upload', contentType: 'image/png' });
		expect(target.avatar!.data!.equals(source.bytes)).toBe(true);

		// 3. users.getAvatar answers 307 to the image route; the node follows it and stores the image.
		expect(sim.requests.filter((request) => request.path !== '/avatar/avatar.source' && request.path !== '/api/v1/users.setAvatar').map((request) => [request.method, request.path, request.status])).toEqual([
			['GET', '/api/v1/users.getAvatar', 307],
			['GET', '/avatar/avatar.target', 200],
			['GET', '/avatar/avatar.target', 200],
		]);
		expect(requestsTo(sim, '/api/v1/users.getAvatar')[0].query).toEqual({ username: 'avatar.target' });
		const viaRedirect = await binaryOf(result.output('Get User Avatar')[0], 'avatar');
		expect(viaRedirect.bytes.equals(source.bytes)).toBe(true);
		expect(viaRedirect.binary).toMatchObject({ mimeType: 'image/png', fileName: 'avatar-avatar.target.png' });
		// The server blocks anonymous avatar access (its default): the cookie made it serve the upload.
		expect(result.json('Get User Avatar')[0].avatarSource).toBe('upload');
		expect(requestsTo(sim, '/avatar/avatar.target').map((request) => request.headers.cookie)).toEqual([
			`rc_uid=${sim.admin.userId}; rc_token=${sim.admin.authToken}`,
			`rc_uid=${sim.admin.userId}; rc_token=${sim.admin.authToken}`,
		]);

		// 4. Get Avatar asks for the default format (SVG) but gets the uploaded PNG.
		const direct = await binaryOf(result.output('Get Avatar')[0], 'image');
		expect(direct.bytes.equals(source.bytes)).toBe(true);
		expect(direct.binary.mimeType).toBe('image/png');
		expect(result.json('Get Avatar')[0].avatarSource).toBe('upload');
		expect(requestsTo(sim, '/avatar/avatar.target')[0].query).toEqual({});
		expectNoSecrets(result, [sim.admin.authToken]);
	});

	test('an image from the input item (JPEG) is uploaded byte for byte and read back with its MIME type', async () => {
		const credential = credentialFor(sim, sim.admin);
		const result = await runFile('avatars', {
			credential,
			binaryMode,
			startNode: 'Set Avatar',
			inputItems: [{ json: {}, binary: { data: { data: SAMPLE_JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'portrait.jpg' } } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.ran('Get Source Avatar')).toBe(false);

		const [upload] = requestsTo(sim, '/api/v1/users.setAvatar');
		const image = upload.parts!.find((part) => part.name === 'image')!;
		expect([image.filename, image.contentType]).toEqual(['portrait.jpg', 'image/jpeg']);
		expect(image.data.equals(SAMPLE_JPEG)).toBe(true);
		expect(target.avatar).toMatchObject({ origin: 'upload', contentType: 'image/jpeg' });
		expect(target.avatar!.data!.equals(SAMPLE_JPEG)).toBe(true);

		for (const [node, property] of [
			['Get User Avatar', 'avatar'],
			['Get Avatar', 'image'],
		] as const) {
			const { binary, bytes } = await binaryOf(result.output(node)[0], property);
			expect(bytes.equals(SAMPLE_JPEG)).toBe(true);
			expect(binary).toMatchObject({ mimeType: 'image/jpeg', fileName: 'avatar-avatar.target.jpg', fileExtension: 'jpg' });
		}
		expect(requestsTo(sim, '/api/v1/users.getAvatar').map((request) => request.status)).toEqual([307]);
	});
});

describe('Get User Avatar when the redirect leads to another origin', () => {
	let sim: Simulator;
	let front: FakeServer;

	beforeAll(async () => {
		sim = await startSimulator({ users: 1, seed: 52 });
		sim.addUser({ username: 'avatar.target' });
		// A server whose users.getAvatar redirects elsewhere (e.g. a Site_Url on another host or on http://).
		front = await new FakeServer().start();
		front.on('GET /api/v1/users.getAvatar', () => ({ status: 307, headers: { location: `${sim.url}/avatar/avatar.target` }, json: '' }));
	});
	afterAll(async () => {
		await sim.close();
		await front.stop();
	});

	const run = async () => {
		sim.clearRequests();
		return await runFile('avatars', {
			credential: { ...credentialFor(sim, sim.admin), serverUrl: front.url },
			startNode: 'Get User Avatar',
			patch: (workflow) => {
				delete workflow.connections['Get User Avatar'];
			},
		});
	};

	test('the image is still downloaded from there', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(result.output('Get User Avatar')[0][0].binary?.avatar.mimeType).toBe('image/svg+xml');
		expect(sim.requests.map((request) => [request.path, request.status])).toEqual([['/avatar/avatar.target', 200]]);
	});

	// The transport follows redirects itself and sends the credential only to the server's own origin.
	test('the credential is not sent to the other origin', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].headers['x-auth-token']).toBeUndefined();
	});
});
