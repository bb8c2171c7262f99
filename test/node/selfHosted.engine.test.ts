/**
 * A self-hosted Rocket.Chat as admins meet it: behind TLS with a certificate n8n does not know, under a path,
 * on a wrong host or port, silent. The node, the trigger and the credential Test in n8n-core, against real
 * servers and sockets made here (certificates from simulator/tls.ts, made with openssl at run time).
 * n8n's SSRF protection: ssrf.engine.test.ts; a CA trusted with NODE_EXTRA_CA_CERTS: trustedCa.engine.test.ts.
 */
import { PACKAGE_ROOT, runRocketChat } from '../support/nodeRun';

import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { makeTestCertificates } from '../../simulator/tls';
import { testCredential } from '../support/engine';
import { FakeServer } from '../support/fakeServer';
import { closedPort, startFront, startSilentServer, type FrontServer } from '../support/frontServer';
import { createPoller, triggerWorkflow } from '../support/poll';
import { credentialFor } from '../support/simCredential';

let sim: Simulator;
const fronts: FrontServer[] = [];

beforeAll(async () => {
	sim = await startSimulator({ users: 5, seed: 23 });
});
afterAll(async () => {
	await Promise.all(fronts.map(async (front) => await front.close()));
	await sim.close();
});

async function front(options: Omit<Parameters<typeof startFront>[0], 'target'>): Promise<FrontServer> {
	const server = await startFront({ target: sim.url, ...options });
	fronts.push(server);
	return server;
}

const credential = (serverUrl: string, extra: IDataObject = {}) => credentialFor(sim, sim.admin, { serverUrl, ...extra });

/** Get User of the admin, no retries (a GET would otherwise be retried after a reset connection). */
async function getAdmin(serverUrl: string, extra: IDataObject = {}, requestOptions: IDataObject = {}) {
	return await runRocketChat({
		parameters: {
			resource: 'user',
			operation: 'get',
			lookup: 'userId',
			lookupValue: sim.admin.userId,
			requestOptions: { maxRetries: 0, ...requestOptions },
		},
		credential: credential(serverUrl, extra),
	});
}

interface Failure {
	message: string;
	description: string;
	httpCode: string;
}

function failureOf(result: { status: string; error?: unknown }): Failure {
	expect(result.status).toBe('error');
	const error = result.error as Failure;
	// Never the old catch-all, and never the token.
	expect(`${error.message} ${error.description}`).not.toMatch(/ENETWORK|Could not reach Rocket\.Chat/);
	expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(sim.admin.authToken);
	return error;
}

async function pollOnce(serverUrl: string, extra: IDataObject = {}) {
	const trigger = createPoller({ workflow: triggerWorkflow({ event: 'newUser' }), credential: credential(serverUrl, extra) });
	return { trigger, run: await trigger.poll() };
}

const selfSigned = makeTestCertificates({ selfSigned: true });
const privateCa = makeTestCertificates();

describe('a certificate n8n does not know', () => {
	test('self-signed: the node says so and names both fixes; Ignore SSL Issues gets the answer', async () => {
		const server = await front({ tls: selfSigned });
		const error = failureOf(await getAdmin(server.url));
		expect(error.httpCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(error.message).toBe(`The certificate of 127.0.0.1:${server.port} was refused: the server presents a self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`);
		expect(error.description).toMatch(/NODE_EXTRA_CA_CERTS/);
		expect(error.description).toMatch(/on every n8n process/);
		expect(error.description).toMatch(/"Ignore SSL Issues \(Insecure\)"/);

		const passed = await getAdmin(server.url, { ignoreSslIssues: true });
		expect(passed.status).toBe('success');
		expect(passed.json('Rocket.Chat')[0]).toMatchObject({ _id: sim.admin.userId });
	});

	test('a private CA, an expired certificate: each is named', async () => {
		const unknownCa = await front({ tls: privateCa });
		expect(failureOf(await getAdmin(unknownCa.url)).message).toMatch(
			/the server presents a certificate signed by a certificate authority n8n does not know \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/,
		);

		const expired = await front({ tls: makeTestCertificates({ expired: true }) });
		const expiredError = failureOf(await getAdmin(expired.url));
		expect(expiredError.message).toMatch(/an expired certificate \(CERT_HAS_EXPIRED\)$/);
		expect(expiredError.description).toMatch(/^Renew the server's certificate/);

		// Another name is only checked once the chain is trusted: see trustedCa.engine.test.ts.
		// Ignore SSL Issues accepts each of them.
		for (const server of [unknownCa, expired]) {
			expect((await getAdmin(server.url, { ignoreSslIssues: true })).status).toBe('success');
		}
	});

	test('the trigger: the failed poll says the same and keeps no state; Ignore SSL Issues polls', async () => {
		const server = await front({ tls: selfSigned });
		const failed = await pollOnce(server.url);
		expect(failureOf(failed.run.result).httpCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(failed.trigger.nodeState() ?? {}).toEqual({});

		const insecure = await pollOnce(server.url, { ignoreSslIssues: true });
		expect(insecure.run.result.status).toBe('success');
		expect(insecure.trigger.nodeState()?.scope).toBe(`newUser ${server.url}`);
	});

	test('the credential Test: the certificate problem, not the token; passes with Ignore SSL Issues', async () => {
		const server = await front({ tls: selfSigned });
		// n8n's tester shows the error code of a request without an answer (declarative test).
		expect(await testCredential(PACKAGE_ROOT, 'rocketChatWorkspaceApi', credential(server.url))).toEqual({
			status: 'Error',
			message: 'DEPTH_ZERO_SELF_SIGNED_CERT',
		});
		expect(await testCredential(PACKAGE_ROOT, 'rocketChatWorkspaceApi', credential(server.url, { ignoreSslIssues: true }))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test('avatars from the same origin are downloaded with Ignore SSL Issues', async () => {
		const server = await front({ tls: selfSigned });
		const result = await runRocketChat({
			parameters: {
				resource: 'user',
				operation: 'getUserAvatar',
				user: { __rl: true, mode: 'id', value: sim.admin.userId },
				binaryPropertyName: 'data',
			},
			credential: credential(server.url, { ignoreSslIssues: true }),
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Rocket.Chat')[0];
		expect(item.binary?.data?.mimeType).toMatch(/^image\//);
	});

	test('a redirect to another origin is verified as usual, even with Ignore SSL Issues', async () => {
		// A CDN with a self-signed certificate; the server's own origin is plain http here.
		const cdn = await front({ tls: selfSigned });
		const server = new FakeServer();
		await server.start();
		try {
			server.on('GET /api/v1/users.getAvatar', () => ({ status: 307, headers: { location: `${cdn.url}/avatar/admin` } }));
			const result = await runRocketChat({
				parameters: { resource: 'user', operation: 'getUserAvatar', user: { __rl: true, mode: 'id', value: 'u1' }, binaryPropertyName: 'data', requestOptions: { maxRetries: 0 } },
				credential: credential(server.url, { ignoreSslIssues: true }),
			});
			const error = failureOf(result);
			expect(error.httpCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
			expect(error.description).toContain(`(Request: ${cdn.url}/avatar/admin)`);
		} finally {
			await server.stop();
		}
	});
});

describe('a wrong host or port', () => {
	test('a host that does not resolve', async () => {
		const error = failureOf(await getAdmin('https://no-such-host.invalid'));
		expect(error.httpCode).toBe('ENOTFOUND');
		expect(error.message).toBe('The host "no-such-host.invalid" does not resolve (DNS: ENOTFOUND)');
		expect(error.description).toMatch(/Check the spelling of the Server URL/);
	});

	test('a port nothing listens on', async () => {
		const port = await closedPort();
		const error = failureOf(await getAdmin(`http://127.0.0.1:${port}`));
		expect(error.httpCode).toBe('ECONNREFUSED');
		expect(error.message).toBe(`Nothing accepts connections at 127.0.0.1:${port} (connection refused, ECONNREFUSED)`);
		expect(error.description).toMatch(/port 3000 by default/);
	});

	test('an https URL on a plain http port, and an http URL on a TLS port', async () => {
		// A plain http server as Node (Rocket.Chat itself) or nginx runs one: it answers a TLS handshake with an http 400.
		const { port } = await front({});
		const httpsOnHttp = failureOf(await getAdmin(`https://127.0.0.1:${port}`));
		expect(httpsOnHttp.httpCode).toBe('EPROTO');
		expect(httpsOnHttp.message).toBe(`127.0.0.1:${port} does not speak https (EPROTO)`);
		expect(httpsOnHttp.description).toMatch(/use http:\/\/ for this port/);

		const tls = await front({ tls: selfSigned });
		const httpOnTls = failureOf(await getAdmin(`http://127.0.0.1:${tls.port}`));
		expect(httpOnTls.httpCode).toBe('ECONNRESET');
		expect(httpOnTls.message).toBe(`127.0.0.1:${tls.port} closed the connection without an answer (ECONNRESET)`);
		expect(httpOnTls.description).toMatch(/use https:\/\/ in the Server URL/);
	});

	test('a server that never answers within the Timeout', async () => {
		const silent = await startSilentServer();
		fronts.push(silent);
		const error = failureOf(await getAdmin(silent.url, {}, { timeout: 800 }));
		expect(error.httpCode).toBe('ECONNABORTED');
		expect(error.message).toBe(`127.0.0.1:${silent.port} did not answer within 0.8 s (ECONNABORTED)`);
		expect(error.description).toMatch(/raise "Timeout \(Ms\)" under the node's Request Options \(now 800\)/);
	});

	test("a proxy that refuses: n8n's proxy settings are named", async () => {
		const port = await closedPort();
		const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };
		// n8n routes its requests through the proxy of these variables (read per request).
		process.env.HTTP_PROXY = `http://127.0.0.1:${port}`;
		process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`;
		try {
			for (const url of ['http://chat.example.com', 'https://chat.example.com']) {
				const error = failureOf(await getAdmin(url));
				expect(error.httpCode).toBe('ECONNREFUSED');
				expect(error.message).toBe(`The proxy at 127.0.0.1:${port} refused the connection (ECONNREFUSED)`);
				expect(error.description).toMatch(/HTTP_PROXY \/ HTTPS_PROXY \/ ALL_PROXY \(NO_PROXY/);
			}
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
	});

	test('the trigger names the cause too (a host that does not resolve, a closed port)', async () => {
		expect(failureOf((await pollOnce('https://no-such-host.invalid')).run.result).message).toBe(
			'The host "no-such-host.invalid" does not resolve (DNS: ENOTFOUND)',
		);
		const port = await closedPort();
		expect(failureOf((await pollOnce(`http://127.0.0.1:${port}`)).run.result).httpCode).toBe('ECONNREFUSED');
	});
});

describe('Rocket.Chat under a path (https://host/chat/)', () => {
	test('node, trigger and credential Test work through a path-prefix proxy', async () => {
		const server = await front({ tls: selfSigned, prefix: '/chat' });
		const url = `${server.url}/`;
		const result = await getAdmin(url, { ignoreSslIssues: true });
		expect(result.status).toBe('success');
		expect(result.json('Rocket.Chat')[0]).toMatchObject({ _id: sim.admin.userId });
		expect((await pollOnce(url, { ignoreSslIssues: true })).run.result.status).toBe('success');
		expect((await testCredential(PACKAGE_ROOT, 'rocketChatWorkspaceApi', credential(url, { ignoreSslIssues: true }))).status).toBe('OK');
		// Without the path the proxy answers its own page: named as such, not as a network failure.
		const root = await getAdmin(`https://127.0.0.1:${server.port}`, { ignoreSslIssues: true });
		expect(root.status).toBe('error');
		expect((root.error as Failure).message).toMatch(/is not Rocket\.Chat's \(HTTP 404, text\/html/);
	});
});
