/**
 * `npm run test:conformance` end to end: the runner against a simulator started as its own
 * server process (simulator/cli.ts), exactly as an admin would point it at a staging server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const env = { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') };

function start(script: string, args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
	return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function startSimulatorProcess(args: string[] = []) {
	const sim = start('simulator/cli.ts', ['--port', '0', '--users', '5', ...args]);
	const deadline = Date.now() + 20_000;
	while (!/Try: curl/.test(sim.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(sim.output())?.[1] as string;
	const admin = /admin\s+user=admin userId=(\S+) authToken=(\S+) password=(\S+)/.exec(sim.output()) as RegExpExecArray;
	return { ...sim, url, credentials: ['--url', url, '--user-id', admin[1], '--token', admin[2], '--password', admin[3]] };
}

async function conformanceUsers(url: string, credentials: string[]): Promise<string[]> {
	const res = await fetch(`${url}/api/v1/users.list?count=0`, { headers: { 'X-User-Id': credentials[3], 'X-Auth-Token': credentials[5] } });
	const { users } = (await res.json()) as { users: Array<{ username: string }> };
	return users.map((u) => u.username).filter((name) => name.startsWith('n8n-conformance-'));
}

describe('npm run test:conformance', () => {
	let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;
	beforeAll(async () => {
		sim = await startSimulatorProcess(['--server-version', '7.10.0']);
	});
	afterAll(async () => {
		sim.child.kill('SIGTERM');
		await sim.exited;
	});

	it('refuses to start without --this-is-a-test-server and changes nothing', async () => {
		const run = start('scripts/conformance.ts', sim.credentials);
		expect(await run.exited).toBe(2);
		expect(run.output()).toContain('--this-is-a-test-server');
		expect(await conformanceUsers(sim.url, sim.credentials)).toEqual([]);
	});

	it('runs every case, prints a table per endpoint and a summary, exits 0 and leaves no conformance user behind', async () => {
		const run = start('scripts/conformance.ts', [...sim.credentials, '--this-is-a-test-server']);
		const code = await run.exited;
		const out = run.output();
		expect([code, out]).toEqual([0, expect.stringMatching(/^endpoint\s+cases\s+pass\s+fail\s+skipped$/m)]);
		expect(out).toMatch(/^sessions\/logout\s+4\s+4\s+0\s+0$/m);
		// The licence cases need a server without the licence: skipped here, with their reason in the table.
		expect(out).toMatch(/^\d+ cases: \d+ passed, 0 failed, 2 skipped$/m);
		expect(out).not.toContain('NOT RESTORED');
		expect(await conformanceUsers(sim.url, sim.credentials)).toEqual([]);
		// Then the open questions, answered by this server next to what the version table predicts.
		expect(out).toMatch(/^Open questions asked of this server \(Rocket\.Chat 7\.10\.0; /m);
		expect(out).toMatch(/^Q1 .*\n\s+→ legacy body \(status, message\) — agrees with the table$/m);
		expect(out).toMatch(/^Q8 .*\n\s+→ anybody gets the 307 — agrees with the table$/m);
		expect(out).not.toContain('DIFFERS');
	});

	it('--probes-only asks the open questions without --this-is-a-test-server and changes nothing', async () => {
		const run = start('scripts/conformance.ts', [...sim.credentials, '--probes-only']);
		expect(await run.exited).toBe(0);
		const out = run.output();
		expect(out).not.toMatch(/^endpoint\s+cases/m);
		expect(out).toMatch(/^Q7 .*\n\s+→ .*not challenged/m);
		expect(out).toMatch(/^Q3 .*\n\s+→ full version 7\.10\.0$/m);
		expect(await conformanceUsers(sim.url, sim.credentials)).toEqual([]);
	});

	it('exits 1 and names the failing case when the server answers differently', async () => {
		// A fresh server (no second factor remembered yet) and a password that is not the administrator's.
		const other = await startSimulatorProcess();
		try {
			const wrong = [...other.credentials.slice(0, 6), '--password', 'not-the-password', '--this-is-a-test-server'];
			const run = start('scripts/conformance.ts', wrong);
			expect(await run.exited).toBe(1);
			expect(run.output()).toMatch(/^FAIL sessions\/list\.all: /m);
			expect(run.output()).toMatch(/^\d+ cases: \d+ passed, [1-9]\d* failed, 2 skipped$/m);
			// Failing cases still put everything back.
			expect(await conformanceUsers(other.url, other.credentials)).toEqual([]);
		} finally {
			other.child.kill('SIGTERM');
			await other.exited;
		}
	});
});
