/** `npm run demo` as a user runs it (minus the build, which npm test has just done): exit 0 and a readable summary. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type Simulator } from '../../simulator/server';
import { makeTestCertificates } from '../../simulator/tls';
import { startFront, type FrontServer } from '../support/frontServer';
import { PACKAGE_ROOT } from '../support/nodeRun';

const run = promisify(execFile);
const TS_NODE = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'ts-node');

/** The environment without a real server's variables, whatever the developer's shell has. */
function withoutServer(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of ['ROCKETCHAT_URL', 'ROCKETCHAT_USER_ID', 'ROCKETCHAT_AUTH_TOKEN']) delete env[name];
	return env;
}

async function demo(...args: string[]) {
	return await run(TS_NODE, ['--transpile-only', 'scripts/demo.ts', '--no-build', ...args], {
		cwd: PACKAGE_ROOT,
		env: withoutServer(),
		timeout: 60_000,
	});
}

test('runs example 1 against the simulator: who would be deactivated, then how many were', async () => {
	const { stdout } = await demo('--users', '120', '--seed', '5');
	expect(stdout).toMatch(/the Rocket\.Chat simulator at http:\/\/127\.0\.0\.1:\d+/);
	const previewed = Number(/Preview Idle Users \(read-only\): (\d+) user\(s\) would be deactivated/.exec(stdout)?.[1]);
	const deactivated = Number(/the server deactivated (\d+) user\(s\)/.exec(stdout)?.[1]);
	expect(previewed).toBeGreaterThan(0);
	expect(deactivated).toBe(previewed);
	expect(stdout).toContain(`${previewed} of the ${previewed} previewed users are now inactive, as previewed`);
	expect(stdout).toMatch(/username\s+name\s+lastLogin\s+reason/);
});

test('a half-given real server is refused before anything runs', async () => {
	await expect(demo('--url', 'https://chat.example.com')).rejects.toMatchObject({
		code: 1,
		stderr: expect.stringContaining('a real server needs all three: --url, --user-id and --token'),
	});
});

describe('against a real server (the simulator behind a self-signed https front, as a self-hosted workspace)', () => {
	let sim: Simulator;
	let front: FrontServer;
	beforeAll(async () => {
		sim = await startSimulator({ users: 60, seed: 7 });
		front = await startFront({ target: sim.url, tls: makeTestCertificates({ selfSigned: true }) });
	});
	afterAll(async () => {
		await front.close();
		await sim.close();
	});
	const realServer = () => ['--url', front.url, '--user-id', sim.admin.userId, '--token', sim.admin.authToken];

	test('the certificate is named, with both fixes; the token is not shown', async () => {
		const failed = demo(...realServer());
		await expect(failed).rejects.toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/the server presents a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\).*NODE_EXTRA_CA_CERTS.*Ignore SSL Issues/),
		});
		await expect(failed).rejects.toMatchObject({ stderr: expect.not.stringContaining(sim.admin.authToken) });
	});

	test('without --apply Step 2 says it was skipped, and nobody was deactivated', async () => {
		const active = sim.state.users.filter((user) => user.active).length;
		const { stdout } = await demo(...realServer(), '--ignore-ssl-issues', '--days', '1');
		const previewed = Number(/Preview Idle Users \(read-only\): (\d+) user\(s\) would be deactivated/.exec(stdout)?.[1]);
		expect(previewed).toBeGreaterThan(0);
		expect(stdout).toContain('Step 2 — Deactivate Idle Users: skipped (preview only), nobody was deactivated.');
		expect(stdout).not.toMatch(/deactivated \d+ user\(s\)/);
		expect(sim.state.users.filter((user) => user.active).length).toBe(active);
	});
});
