/**
 * Runs the Rocket.Chat simulator from a shell:
 *   ts-node --transpile-only simulator/cli.ts --port 3000 --seed 1 --users 200 [--latency 20]
 *     [--rate-limit 10/60000] [--no-licence] [--create-token-secret S] [--create-tokens-for-users] [--server-version 7.10.0] [--now 2026-01-01T00:00:00Z]
 *     [--example-images]   (https://example.com/… avatar URLs download a small PNG; otherwise there is no network)
 * Prints the URL and the (fake) credentials; stops on SIGINT/SIGTERM.
 */
import { exampleComImages, startSimulator, type SimulatorOptions } from './server';

function parseArgs(argv: string[]): SimulatorOptions {
	const opts: SimulatorOptions = {};
	const value = (i: number, flag: string): string => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
		return v;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				opts.port = Number(value(i++, flag));
				break;
			case '--seed':
				opts.seed = Number(value(i++, flag));
				break;
			case '--users':
				opts.users = Number(value(i++, flag));
				break;
			case '--latency':
				opts.latencyMs = Number(value(i++, flag));
				break;
			case '--rate-limit': {
				const m = /^(\d+)\/(\d+)$/.exec(value(i++, flag));
				if (!m) throw new Error('--rate-limit expects CALLS/WINDOW_MS, e.g. 10/60000');
				opts.rateLimit = { calls: Number(m[1]), windowMs: Number(m[2]) };
				break;
			}
			case '--rate-limit-admins':
				opts.rateLimitAdmins = true;
				break;
			case '--route-rate-limits':
				opts.routeRateLimits = true;
				break;
			case '--no-licence':
			case '--no-license':
				opts.deviceManagementLicence = false;
				break;
			case '--create-token-secret':
				opts.createTokenSecret = value(i++, flag);
				break;
			case '--create-tokens-for-users':
				opts.createTokensForUsers = true;
				break;
			case '--server-version':
				opts.serverVersion = value(i++, flag);
				break;
			case '--now':
				opts.now = new Date(value(i++, flag));
				break;
			case '--example-images':
				opts.remoteUrls = exampleComImages;
				break;
			case '--help':
			case '-h':
				console.log('Usage: ts-node --transpile-only simulator/cli.ts [--port N] [--seed N] [--users N] [--latency MS] [--rate-limit CALLS/MS] [--rate-limit-admins] [--route-rate-limits] [--no-licence] [--create-token-secret S] [--create-tokens-for-users] [--server-version V] [--now ISO] [--example-images]');
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${flag}`);
		}
	}
	return opts;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const sim = await startSimulator(options);
	const line = (label: string, c: { userId: string; authToken: string; username: string; password: string }) =>
		`  ${label.padEnd(10)} user=${c.username} userId=${c.userId} authToken=${c.authToken} password=${c.password}`;
	console.log(`Rocket.Chat simulator ${sim.state.settings.serverVersion} listening on ${sim.url} (${sim.state.users.length} users, ${sim.state.sessions.length} sessions, ${Date.now() - started} ms)`);
	console.log('Fake credentials (local simulator only):');
	console.log(line('admin', sim.admin));
	console.log(line('plainUser', sim.plainUser));
	console.log(`${line('totpUser', sim.totpUser)} totpSecret=${sim.totpUser.totpSecret}`);
	console.log(`Try: curl -H 'X-User-Id: ${sim.admin.userId}' -H 'X-Auth-Token: ${sim.admin.authToken}' ${sim.url}/api/v1/me`);
	const stop = (signal: string) => {
		console.log(`\n${signal}: stopping simulator`);
		void sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error((e as Error).message);
	process.exit(1);
});
