/**
 * npm run demo — runs examples/idle-user-deactivation.json through n8n's real engine (n8n-core's WorkflowExecute)
 * with the built node, and prints who would be deactivated, then how many were.
 *
 * Without a server: starts the Rocket.Chat simulator (seeded workspace) and runs the whole example.
 * With a real server (flags or environment):
 *   --url / ROCKETCHAT_URL, --user-id / ROCKETCHAT_USER_ID, --token / ROCKETCHAT_AUTH_TOKEN
 * it runs only Preview Idle Users (read-only) against that server and changes nothing, unless --apply is given.
 * --ignore-ssl-issues: the credential's "Ignore SSL Issues (Insecure)", for a server whose certificate n8n does not
 * trust (better: NODE_EXTRA_CA_CERTS=/path/to/ca.pem npm run demo -- …).
 * Other flags: --days N (default 90), --role R (default user), --users N (simulator size, default 500),
 * --seed N (simulator seed, default 1), --no-build (dist/ is already fresh).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../simulator/server';
import { loadPackageNodeTypes, runWorkflow, type EngineWorkflow } from '../test/support/engine';
import { credentialFor } from '../test/support/simCredential';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'idle-user-deactivation.json');
const PREVIEW_NODE = 'Preview Idle Users';
const REPORT_NODE = 'Report';
const APPLY_NODE = 'Deactivate Idle Users';
const CREDENTIAL = 'rocketChatWorkspaceApi';
const SHOWN = 25;

interface Options {
	url?: string;
	userId?: string;
	token?: string;
	days: number;
	role: string;
	apply: boolean;
	ignoreSslIssues: boolean;
	users: number;
	seed: number;
	build: boolean;
}

function parseOptions(argv: string[]): Options {
	const options: Options = {
		url: process.env.ROCKETCHAT_URL,
		userId: process.env.ROCKETCHAT_USER_ID,
		token: process.env.ROCKETCHAT_AUTH_TOKEN,
		days: 90,
		role: 'user',
		apply: false,
		ignoreSslIssues: false,
		users: 500,
		seed: 1,
		build: true,
	};
	const value = (i: number, flag: string): string => {
		const next = argv[i + 1];
		if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
		return next;
	};
	const whole = (text: string, flag: string, min: number): number => {
		const number = Number(text);
		if (!Number.isInteger(number) || number < min) throw new Error(`${flag} must be a whole number of at least ${min}, got "${text}"`);
		return number;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--url':
				options.url = value(i++, flag);
				break;
			case '--user-id':
				options.userId = value(i++, flag);
				break;
			case '--token':
				options.token = value(i++, flag);
				break;
			case '--days':
				options.days = whole(value(i++, flag), flag, 1);
				break;
			case '--role':
				options.role = value(i++, flag);
				break;
			case '--users':
				options.users = whole(value(i++, flag), flag, 0);
				break;
			case '--seed':
				options.seed = whole(value(i++, flag), flag, 0);
				break;
			case '--apply':
				options.apply = true;
				break;
			case '--ignore-ssl-issues':
				options.ignoreSslIssues = true;
				break;
			case '--no-build':
				options.build = false;
				break;
			case '--help':
			case '-h':
				console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*|^ \* ?/gm, ''));
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${flag} (see npm run demo -- --help)`);
		}
	}
	const given = [options.url, options.userId, options.token].filter(Boolean).length;
	if (given > 0 && given < 3) {
		throw new Error('a real server needs all three: --url, --user-id and --token (or ROCKETCHAT_URL, ROCKETCHAT_USER_ID, ROCKETCHAT_AUTH_TOKEN)');
	}
	return options;
}

/** The example as shipped, with the rule from the flags; without --apply against a real server, the last node is disabled. */
function exampleWorkflow(options: Options, realServer: boolean): EngineWorkflow {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as EngineWorkflow;
	for (const node of workflow.nodes) {
		if (node.name === PREVIEW_NODE) Object.assign(node.parameters, { daysIdle: options.days, role: options.role });
		if (node.name === APPLY_NODE && realServer && !options.apply) node.disabled = true;
	}
	return workflow;
}

function table(rows: IDataObject[]): string {
	const columns = ['username', 'name', 'lastLogin', 'reason'];
	const cell = (row: IDataObject, column: string) => String(row[column] ?? '').slice(0, 40);
	const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
	const line = (cells: string[]) => '  ' + cells.map((text, i) => text.padEnd(widths[i])).join('  ');
	return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(columns.map((column) => cell(row, column))))].join('\n');
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const realServer = options.url !== undefined;

	if (options.build) {
		console.log('Building the package (npm run build)…');
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'RocketChat', 'RocketChat.node.js'))) {
		throw new Error('dist/ is missing: run npm run build (or drop --no-build)');
	}

	let sim: Simulator | undefined;
	let credential: IDataObject;
	if (realServer) {
		credential = {
			serverUrl: options.url,
			userId: options.userId,
			authToken: options.token,
			twoFactorMethod: 'none',
			ignoreSslIssues: options.ignoreSslIssues,
		};
		console.log(`Server: ${options.url} (a real Rocket.Chat server)`);
		console.log(options.apply ? 'Mode: APPLY — idle users will be deactivated.' : 'Mode: preview only — nothing is changed (add --apply to deactivate).');
	} else {
		sim = await startSimulator({ users: options.users, seed: options.seed });
		credential = credentialFor(sim);
		console.log(`Server: the Rocket.Chat simulator at ${sim.url} (${sim.state.users.length} users, seed ${options.seed}); no real server is touched.`);
	}

	try {
		console.log(`Rule: active users with role "${options.role}" whose last login (or, if they never logged in, creation) is ${options.days} days ago or more.\n`);
		const started = Date.now();
		const workflow = exampleWorkflow(options, realServer);
		// A disabled node passes its items through and counts as run: that is no deactivation.
		const applySkipped = workflow.nodes.some((node) => node.name === APPLY_NODE && node.disabled === true);
		const result = await runWorkflow(loadPackageNodeTypes(ROOT, { source: 'dist' }), {
			workflow,
			credentials: { [CREDENTIAL]: credential },
		});
		if (result.status !== 'success') {
			const error = result.error as { message?: string; description?: string } | undefined;
			throw new Error(`the workflow failed: ${error?.message ?? result.status}${error?.description ? ` — ${error.description}` : ''}`);
		}

		const preview = result.ran(PREVIEW_NODE) ? result.json(PREVIEW_NODE) : [];
		const report = result.ran(REPORT_NODE) ? result.json(REPORT_NODE) : [];
		console.log(`Step 1 — ${PREVIEW_NODE} (read-only): ${preview.length} user(s) would be deactivated.`);
		if (report.length > 0) {
			console.log(table(report.slice(0, SHOWN)));
			if (report.length > SHOWN) console.log(`  … and ${report.length - SHOWN} more`);
		}
		console.log('');

		if (applySkipped) {
			console.log(`Step 2 — ${APPLY_NODE}: skipped (preview only), nobody was deactivated. Run again with --apply to deactivate them.`);
		} else if (!result.ran(APPLY_NODE)) {
			console.log(`Step 2 — ${APPLY_NODE}: nothing to do.`);
		} else {
			const count = Number(result.json(APPLY_NODE)[0]?.count ?? 0);
			console.log(`Step 2 — ${APPLY_NODE}: the server deactivated ${count} user(s).`);
			if (sim) {
				const previewed = preview.map((user) => String(user.username));
				const inactive = previewed.filter((username) => sim?.state.userByUsername(username)?.active === false).length;
				console.log(`Check against the simulator: ${inactive} of the ${previewed.length} previewed users are now inactive${count === previewed.length ? ', as previewed' : ` (the server counted ${count})`}.`);
			}
		}
		console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
	} finally {
		await sim?.close();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
