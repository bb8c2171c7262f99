/**
 * Runs the conformance suite (test/conformance) against a real Rocket.Chat server, then asks it the README's open
 * questions (test/conformance/lib/probes.ts: read-only requests) and prints their answers next to the suite's table:
 *
 *   npm run test:conformance -- --url https://staging.example.com --user-id ID --token TOKEN \
 *     --password PASSWORD --this-is-a-test-server [--unlicensed]
 *   npm run test:conformance -- --url … --user-id … --token … --password … --probes-only
 *
 * It creates users named n8n-conformance-*, changes settings and permissions for single cases and
 * puts every one of them back; it refuses to start without --this-is-a-test-server. Prints one
 * table row per endpoint and a summary line; exits 1 when a case fails or something could not be
 * restored, 2 on bad arguments.
 */
import { GROUPS } from '../test/conformance/cases';
import type { Target } from '../test/conformance/lib/client';
import { Client } from '../test/conformance/lib/client';
import { formatProbes, runProbes } from '../test/conformance/lib/probes';
import { formatTable, readVersion, runGroup, type CaseResult } from '../test/conformance/lib/suite';

const USAGE =
	'Usage: npm run test:conformance -- --url URL --user-id ID --token TOKEN --password PASSWORD --this-is-a-test-server [--unlicensed]\n' +
	'       npm run test:conformance -- --url URL --user-id ID --token TOKEN --password PASSWORD --probes-only [--unlicensed]\n' +
	'  The account must be an administrator; the suite creates n8n-conformance-* users and changes settings and permissions, restoring them afterwards.\n' +
	'  --probes-only asks only the open questions (read-only requests) and changes nothing.';

interface Args extends Target {
	unlicensed: boolean;
	probesOnly: boolean;
}

function parseArgs(argv: string[]): Args | string {
	const values: Record<string, string> = {};
	const flags = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--this-is-a-test-server' || arg === '--unlicensed' || arg === '--probes-only') flags.add(arg);
		else if (['--url', '--user-id', '--token', '--password'].includes(arg)) {
			const value = argv[++i];
			if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
			values[arg] = value;
		} else return `unknown argument ${arg}`;
	}
	if (!flags.has('--this-is-a-test-server') && !flags.has('--probes-only'))
		return 'refusing to run: the suite creates and deletes users and changes settings and permissions. Point it at a test server and add --this-is-a-test-server.';
	const missing = ['--url', '--user-id', '--token', '--password'].filter((k) => !values[k]);
	if (missing.length) return `missing ${missing.join(', ')}`;
	return {
		url: values['--url'],
		userId: values['--user-id'],
		token: values['--token'],
		password: values['--password'],
		unlicensed: flags.has('--unlicensed'),
		probesOnly: flags.has('--probes-only'),
	};
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		console.error(`${args}\n${USAGE}`);
		return 2;
	}
	const client = new Client(args);
	const version = await readVersion(client);
	if (args.probesOnly) {
		console.log(formatProbes(await runProbes(client, { unlicensed: args.unlicensed }), version));
		return 0;
	}
	const results: CaseResult[] = [];
	const leftovers: string[] = [];
	for (const group of GROUPS) {
		// The licence cases need a server without device management; the others need it.
		if ((group.needs === 'unlicensed') !== args.unlicensed) {
			const reason = args.unlicensed ? 'needs the device-management licence (run without --unlicensed)' : 'needs a server without the device-management licence (--unlicensed)';
			for (const c of group.cases) results.push({ group: group.name, endpoint: c.endpoint, title: c.title, status: 'skip', message: reason });
			continue;
		}
		const run = await runGroup(args, group, (r) => {
			if (r.status === 'fail') console.log(`FAIL ${r.endpoint}: ${r.title}\n     ${(r.message ?? '').split('\n').join('\n     ')}`);
		});
		results.push(...run.results);
		leftovers.push(...run.leftovers);
	}
	console.log(formatTable(results));
	for (const l of leftovers) console.log(`NOT RESTORED ${l}`);
	// After the suite (which put everything back): the open questions, answered by this server.
	console.log(`\n${formatProbes(await runProbes(client, { unlicensed: args.unlicensed }), version)}`);
	return results.some((r) => r.status === 'fail') || leftovers.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error((e as Error).message);
		process.exit(2);
	},
);
