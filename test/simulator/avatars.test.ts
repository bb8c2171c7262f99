import { SAMPLE_JPEG, SAMPLE_PNG, startSimulator, type Simulator } from '../../simulator/server';
import { call, FIXED_NOW } from './helpers';

/** The outside world the simulator's server may download from: one image, one HTML page, one private host. */
const remoteUrls = (url: string) =>
	({
		'https://images.example.com/a.png': { contentType: 'image/png', body: SAMPLE_PNG },
		'https://images.example.com/page': { contentType: 'text/html', body: Buffer.from('<html></html>') },
		'https://images.example.com/gone.png': { status: 404 },
		'https://images.example.com/broken.png': { status: 500 },
		'https://intranet.example.com/a.png': { address: '10.1.2.3', contentType: 'image/png', body: SAMPLE_PNG },
	})[url];

describe('avatars', () => {
	let sim: Simulator;
	beforeAll(async () => {
		// The 8.x refusal codes (400 error-not-allowed); 9.0 answers 403 error-forbidden (auth.test.ts).
		sim = await startSimulator({ users: 10, now: FIXED_NOW, remoteUrls, serverVersion: '8.9.2' });
	});
	afterAll(() => sim.close());
	// Accounts_AvatarBlockUnauthenticatedAccess is on: the avatar routes read rc_uid/rc_token from the cookie (or query).
	const viewer = () => ({ cookie: `rc_uid=${sim.admin.userId}; rc_token=${sim.admin.authToken}` });

	it('users.getAvatar needs a login from 8.1 (#38088) and redirects (307) to /avatar/{username}', async () => {
		const anonymous = await call(sim, 'GET', 'users.getAvatar', { query: { userId: sim.plainUser.userId } });
		expect([anonymous.status, anonymous.body.error]).toEqual([401, 'You must be logged in to do this.']);
		const res = await call(sim, 'GET', 'users.getAvatar', { as: sim.plainUser, query: { userId: sim.plainUser.userId } });
		expect(res.status).toBe(307);
		expect(res.headers.get('location')).toBe(`${sim.url}/avatar/plain.user`);
		const followed = await call(sim, 'GET', 'users.getAvatar', { as: sim.plainUser, query: { username: 'plain.user' }, redirect: 'follow' });
		expect(followed.status).toBe(200);
		expect(followed.headers.get('content-type')).toBe('image/svg+xml');
		expect(followed.raw.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 200 200">[\s\S]*>\nP\n<\/text>\n<\/svg>$/);
		const missing = await call(sim, 'GET', 'users.getAvatar', { as: sim.plainUser });
		expect(missing.status).toBe(400);
		expect(missing.body.errorType).toBe('error-user-param-not-provided');
	});

	it('renders default avatars as SVG, PNG or JPEG with the requested size', async () => {
		const svg = await call(sim, 'GET', '/avatar/admin', { query: { size: 64 }, headers: viewer() });
		expect(svg.raw.toString()).toContain('viewBox="0 0 64 64"');
		expect(svg.headers.get('cache-control')).toBe('public, max-age=3600');
		// Sizes are clamped to 16–1024; 0 or none is 200.
		for (const [size, box] of [['1', 16], ['5000', 1024], ['0', 200], ['-3', 16]] as const) {
			expect((await call(sim, 'GET', '/avatar/admin', { query: { size }, headers: viewer() })).raw.toString()).toContain(`viewBox="0 0 ${box} ${box}"`);
		}
		const png = await call(sim, 'GET', '/avatar/admin', { query: { format: 'png', size: 32 }, headers: viewer() });
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(png.raw.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(png.raw.readUInt32BE(16)).toBe(32); // IHDR width
		const jpg = await call(sim, 'GET', '/avatar/admin', { query: { format: 'jpeg', size: 40 }, headers: viewer() });
		expect(jpg.headers.get('content-type')).toBe('image/jpeg');
		// The type is named after the format asked for.
		expect((await call(sim, 'GET', '/avatar/admin', { query: { format: 'jpg' }, headers: viewer() })).headers.get('content-type')).toBe('image/jpg');
		expect(jpg.raw.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(jpg.raw.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
		const room = await call(sim, 'GET', '/avatar/@general', { headers: viewer() });
		expect(room.raw.toString()).toContain('>\nG\n</text>');
		// A client holding the letter avatar (its fixed date) gets 304.
		const cached = await call(sim, 'GET', '/avatar/admin', { headers: { ...viewer(), 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' } });
		expect(cached.status).toBe(304);
	});

	it('multipart upload round-trips the exact bytes and MIME type', async () => {
		const form = new FormData();
		form.append('image', new Blob([SAMPLE_JPEG], { type: 'image/jpeg' }), 'me.jpg');
		const up = await call(sim, 'POST', 'users.setAvatar', { as: sim.plainUser, body: form });
		expect(up.status).toBe(200);
		expect(up.body).toEqual({ success: true });
		const logged = sim.requests.at(-1);
		expect(logged?.parts?.map((p) => [p.name, p.filename, p.contentType, p.data.length])).toEqual([['image', 'me.jpg', 'image/jpeg', SAMPLE_JPEG.length]]);
		const got = await call(sim, 'GET', 'users.getAvatar', { as: sim.plainUser, query: { userId: sim.plainUser.userId }, headers: viewer(), redirect: 'follow' });
		expect(got.headers.get('content-type')).toBe('image/jpeg');
		expect(got.raw.equals(SAMPLE_JPEG)).toBe(true);
	});

	it('admins can upload for another user via form fields; others cannot', async () => {
		const form = new FormData();
		form.append('image', new Blob([SAMPLE_PNG], { type: 'image/png' }), 'a.png');
		form.append('username', 'plain.user');
		expect((await call(sim, 'POST', 'users.setAvatar', { as: sim.admin, body: form })).status).toBe(200);
		expect((await call(sim, 'GET', '/avatar/plain.user', { headers: viewer() })).raw.equals(SAMPLE_PNG)).toBe(true);
		const denied = new FormData();
		denied.append('image', new Blob([SAMPLE_PNG], { type: 'image/png' }), 'a.png');
		denied.append('userId', sim.admin.userId);
		const res = await call(sim, 'POST', 'users.setAvatar', { as: sim.plainUser, body: denied });
		expect(res.body).toEqual({ success: false, error: 'Not allowed [error-not-allowed]', errorType: 'error-not-allowed' });
		const noImage = new FormData();
		noImage.append('userId', sim.plainUser.userId);
		expect((await call(sim, 'POST', 'users.setAvatar', { as: sim.plainUser, body: noImage })).body).toEqual({ success: false, error: "The 'image' param is required" });
	});

	it('downloads avatarUrl after the SSRF check, and resetAvatar restores the default', async () => {
		const res = await call(sim, 'POST', 'users.setAvatar', { as: sim.admin, body: { avatarUrl: 'https://images.example.com/a.png', username: 'plain.user' } });
		expect(res.status).toBe(200);
		expect(sim.state.userByUsername('plain.user')?.avatar).toMatchObject({ origin: 'url', url: 'https://images.example.com/a.png', contentType: 'image/png' });
		expect((await call(sim, 'GET', '/avatar/plain.user', { headers: viewer() })).raw.equals(SAMPLE_PNG)).toBe(true);
		const refused = async (avatarUrl: string) => (await call(sim, 'POST', 'users.setAvatar', { as: sim.admin, body: { avatarUrl } })).body;
		for (const url of ['http://169.254.169.254/', 'http://127.0.0.1/a.png', 'ftp://images.example.com/a.png', 'https://images.example.com:8443/a.png', 'https://intranet.example.com/a.png', 'https://unknown.example.com/a.png', 'https://images.example.com/page', 'https://images.example.com/gone.png']) {
			expect([url, (await refused(url)).errorType]).toEqual([url, 'error-avatar-invalid-url']);
		}
		expect((await refused('https://images.example.com/broken.png')).errorType).toBe('error-avatar-url-handling');
		const forbidden = await call(sim, 'POST', 'users.setAvatar', { as: sim.plainUser, body: { avatarUrl: 'https://images.example.com/a.png', userId: sim.admin.userId } });
		expect(forbidden.status).toBe(403);
		expect((await call(sim, 'POST', 'users.resetAvatar', { as: sim.plainUser, body: { userId: sim.admin.userId } })).body.errorType).toBe('error-not-allowed');
		expect((await call(sim, 'POST', 'users.resetAvatar', { as: sim.admin, body: { username: 'plain.user' } })).status).toBe(200);
		expect(sim.state.userByUsername('plain.user')?.avatar).toBeUndefined();
		expect((await call(sim, 'GET', '/avatar/plain.user', { headers: viewer() })).headers.get('content-type')).toBe('image/svg+xml');
	});

	it('blocks anonymous access by default: the letter fallback unless rc_uid/rc_token come in the query or a cookie', async () => {
		const user = sim.addUser({ username: 'blocked.avatar', name: 'Blocked Avatar' });
		const form = new FormData();
		form.append('image', new Blob([SAMPLE_PNG], { type: 'image/png' }), 'a.png');
		form.append('username', 'blocked.avatar');
		expect((await call(sim, 'POST', 'users.setAvatar', { as: sim.admin, body: form })).status).toBe(200);

		const anonymous = await call(sim, 'GET', '/avatar/blocked.avatar', { query: { format: 'png' } });
		expect([anonymous.status, anonymous.headers.get('content-type'), anonymous.headers.get('last-modified')]).toEqual([200, 'image/svg+xml', null]);
		// REST headers do not count.
		const restHeaders = await call(sim, 'GET', '/avatar/blocked.avatar', { as: sim.admin });
		expect(restHeaders.headers.get('content-type')).toBe('image/svg+xml');
		const badToken = await call(sim, 'GET', '/avatar/blocked.avatar', { query: { rc_uid: sim.admin.userId, rc_token: 'wrong' } });
		expect(badToken.headers.get('content-type')).toBe('image/svg+xml');

		const byQuery = await call(sim, 'GET', '/avatar/blocked.avatar', { query: { rc_uid: sim.admin.userId, rc_token: sim.admin.authToken } });
		expect(byQuery.raw.equals(SAMPLE_PNG)).toBe(true);
		expect(byQuery.headers.get('last-modified')).not.toBe('Thu, 01 Jan 2015 00:00:00 GMT');
		const byCookie = await call(sim, 'GET', '/avatar/blocked.avatar', { headers: viewer() });
		expect(byCookie.raw.equals(SAMPLE_PNG)).toBe(true);
		// By user ID, as newer servers serve it.
		const byId = await call(sim, 'GET', `/avatar/uid/${user.userId}`, { headers: viewer() });
		expect(byId.raw.equals(SAMPLE_PNG)).toBe(true);
		// The letter avatar carries the fixed fallback date.
		const letters = await call(sim, 'GET', '/avatar/plain.user', { headers: viewer() });
		expect(letters.headers.get('last-modified')).toBe('Thu, 01 Jan 2015 00:00:00 GMT');
	});

	it('has no /api/v1/avatar route: it answers as an unknown API route', async () => {
		const res = await call(sim, 'GET', '/api/v1/avatar/admin', { headers: viewer() });
		expect([res.status, res.body]).toEqual([404, { success: false, error: 'Not found' }]);
	});
});
