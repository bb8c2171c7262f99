import { spawn } from 'node:child_process';
import * as path from 'node:path';

describe('simulator CLI', () => {
	it('prints the URL and credentials, serves requests and stops on SIGTERM', async () => {
		const root = path.resolve(__dirname, '..', '..');
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'simulator/cli.ts', '--port', '0', '--users', '5', '--seed', '9'], {
			cwd: root,
			env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		try {
			const deadline = Date.now() + 20_000;
			while (!/Try: curl/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
			const admin = /admin\s+user=admin userId=(\S+) authToken=(\S+)/.exec(out);
			expect(url).toBeDefined();
			expect(admin).not.toBeNull();
			const res = await fetch(`${url}/api/v1/me`, { headers: { 'X-User-Id': admin![1], 'X-Auth-Token': admin![2] } });
			expect(res.status).toBe(200);
			expect(out).toMatch(/totpSecret=[A-Z2-7]+/);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
		expect(out).toContain('SIGTERM: stopping simulator');
	});
});
