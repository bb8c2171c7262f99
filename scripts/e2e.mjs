#!/usr/bin/env node
// npm run test:e2e — the package inside the real n8n app, against the Rocket.Chat simulator, on every n8n
// version the package is tested on (scripts/lib/n8n-app.mjs: 2.41.1 on Node 24, 1.123.81 on Node 22).
// With several versions the package is built once and each version runs in its own child process
// (`--n8n=<version> --no-build`), one after the other; the summary lists each run's result and time.
//
//   1. installs n8n into the cache on first use (scripts/lib/n8n-app.mjs), builds and packs the package
//      and installs the tarball as a community package into a fresh, temporary n8n user folder;
//   2. starts the simulator (in this process, to read sim.state) and n8n on 127.0.0.1;
//   3. creates the owner and a Rocket.Chat credential through n8n's REST API and tests the credential there;
//   4. imports examples/*.json (or, while there are none, a small built-in workflow) with `n8n import:workflow`,
//      runs each with `n8n execute --id=… --rawOutput` and checks the outcome against the simulator's state
//      (scripts/lib/expectations.mjs);
//   5. drives Debian's Chromium through playwright-core (scripts/lib/browser.mjs): log in, check the node panel's
//      short actions, add the Rocket.Chat node (named after its action), check its resources/operations, create a
//      credential in the UI and see its test succeed, open a Rocket.Chat Tool node's Tool Description;
//      screenshots go to test-output/screenshots/<version>/ (docs/screenshots/ with --update-screenshots).
//
// Options: --n8n=<version>[,<version>] (or --n8n <version>; default: all of N8N_APPS),
//          --no-build (dist/ is fresh), --no-browser, --no-workflows, --keep (keep the user folder and logs),
//          --no-self-hosted (skip the credential Test against a self-signed https server, scripts/lib/self-hosted.mjs),
//          --update-screenshots (write the committed docs/screenshots/ for the newest version and
//          docs/screenshots/<version>/ for the others; default: test-output/screenshots/<version>/),
//          --screenshots=<dir>, --examples=<dir> (default examples).
// Everything started here is stopped at the end, also on failure or Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	CREDENTIAL_TYPE,
	N8nRest,
	NODE_TYPE,
	TRIGGER_TYPE,
	buildPackage,
	freePort,
	n8nCli,
	n8nEnv,
	onCleanup,
	parseExecuteOutput,
	prepareWorkflow,
	readJson,
	simCredentialData,
	stagePackage,
	startN8n,
	startSimulatorInProcess,
	stopAll,
} from './lib/harness.mjs';
import { CACHE, N8N_APPS, N8N_VERSION, ROOT, ensureN8nApp, log } from './lib/n8n-app.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => {
	const i = argv.indexOf(`--${name}`);
	if (i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--')) return argv[i + 1];
	return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
};
const VERSIONS = option('n8n', Object.keys(N8N_APPS).join(','))
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
for (const v of VERSIONS) if (!N8N_APPS[v]) throw new Error(`--n8n ${v}: not a tested version (${Object.keys(N8N_APPS).join(', ')})`);

const SIM_OPTIONS = { seed: 1, users: 200 };
const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Password-1' };
const CREDENTIAL_NAME = 'Rocket.Chat simulator';

const results = [];
function record(name, ok, detail = '') {
	results.push({ name, ok, detail });
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}
async function step(name, fn) {
	try {
		const detail = await fn();
		record(name, true, typeof detail === 'string' ? detail : '');
		return true;
	} catch (e) {
		record(name, false, e.message);
		if (process.env.E2E_DEBUG) console.error(e.stack);
		return false;
	}
}

/** A workflow to develop with while examples/ is empty: Manual Trigger → Rocket.Chat User Get (admin). */
function fallbackWorkflows(sim) {
	return [
		{
			file: '(built-in) smoke.json',
			wf: {
				name: 'E2E smoke: Rocket.Chat Get User',
				nodes: [
					{ id: 'n1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'n2',
						name: 'Get admin',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [220, 0],
						parameters: { resource: 'user', operation: 'get', lookup: 'username', lookupValue: sim.admin.username },
						credentials: { [CREDENTIAL_TYPE]: { id: 'placeholder', name: 'placeholder' } },
					},
				],
				connections: { 'Manual Trigger': { main: [[{ node: 'Get admin', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			},
		},
	];
}

/** Where this run's screenshots go: see the header. */
function screenshotsDir(version) {
	if (option('screenshots')) return path.resolve(ROOT, option('screenshots'), version);
	if (!flag('update-screenshots')) return path.resolve(ROOT, 'test-output', 'screenshots', version);
	return path.resolve(ROOT, 'docs', 'screenshots', ...(version === N8N_VERSION ? [] : [version]));
}

async function main(version) {
	const t0 = Date.now();
	const timings = {};
	const mark = (k, since) => (timings[k] = ((Date.now() - since) / 1000).toFixed(1));
	log(`n8n ${version}`);

	let t = Date.now();
	const app = await ensureN8nApp(version);
	log(`n8n ${app.version} on Node ${app.nodeVersion}`);
	mark(app.installed ? 'install' : 'reuse-check', t);

	if (!flag('no-build')) {
		t = Date.now();
		await buildPackage();
		mark('build', t);
	}

	const runsDir = path.join(CACHE, '..', 'e2e');
	mkdirSync(runsDir, { recursive: true });
	const work = mkdtempSync(path.join(runsDir, 'run-'));
	const userFolder = path.join(work, 'user');
	mkdirSync(userFolder, { recursive: true });
	if (!flag('keep')) onCleanup(() => rmSync(work, { recursive: true, force: true }));
	else log(`keeping ${work}`);
	await stagePackage(userFolder);

	let sim = await startSimulatorInProcess(SIM_OPTIONS);
	log(`simulator at ${sim.url} (${sim.state.users.length} users, ${sim.state.sessions.length} sessions)`);

	const port = await freePort();
	const env = n8nEnv({ app, userFolder, port, encryptionKey: 'e2e-encryption-key-not-secret' });
	t = Date.now();
	const logFile = path.join(work, 'n8n.log');
	const { url, child } = await startN8n({ app, baseEnv: env, logFile });
	mark('n8n-boot', t);
	const rest = new N8nRest(url);

	await rest.ownerSetupOrLogin(OWNER);
	const credential = await rest.upsertCredential({ name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });

	await step('n8n loads the package with its real type names', async () => {
		const types = await rest.request('GET', '/types/nodes.json');
		const names = new Set(types.map((n) => n.name));
		for (const want of [NODE_TYPE, TRIGGER_TYPE]) if (!names.has(want)) throw new Error(`${want} missing from /types/nodes.json (${types.length} types)`);
		const creds = await rest.request('GET', '/types/credentials.json');
		if (!creds.some((c) => c.name === CREDENTIAL_TYPE)) throw new Error(`${CREDENTIAL_TYPE} missing from /types/credentials.json`);
		const node = types.find((n) => n.name === NODE_TYPE);
		const resource = node.properties.find((p) => p.name === 'resource');
		return `${types.length} node types; resources: ${resource.options.map((o) => o.name).join(', ')}`;
	});

	await step('credential test through the REST API (as the credential modal)', async () => {
		const r = await rest.testCredential({ id: credential.id, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });
		if (r?.status !== 'OK') throw new Error(`credential test answered ${JSON.stringify(r)}`);
		// A wrong token merged over the stored credential (1.x refuses to test unsaved data: id '' → 403).
		const bad = await rest.testCredential({ id: credential.id, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: { ...simCredentialData(sim), authToken: 'wrong-token' } });
		if (bad?.status !== 'Error') throw new Error(`a wrong token was not rejected: ${JSON.stringify(bad)}`);
		return `OK ("${r.message}"); wrong token → Error ("${bad.message}")`;
	});

	let imported = [];
	if (!flag('no-workflows')) {
		t = Date.now();
		// Each example gets a freshly seeded simulator (same seed: same users, sessions and tokens), so the
		// examples do not depend on each other's changes; the credential is pointed at it before each run.
		const freshSim = async () => {
			await sim.close().catch(() => {});
			sim = await startSimulatorInProcess(SIM_OPTIONS);
			await rest.upsertCredential({ name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });
			return sim;
		};
		imported = await runWorkflows({ app, env, freshSim, credential, work });
		mark('workflows', t);
	}

	let mcpWorkflowId;
	if (!flag('no-mcp') && !flag('no-workflows')) {
		t = Date.now();
		const { mcpChecks } = await import('./lib/mcp.mjs');
		mcpWorkflowId = await mcpChecks({ url, rest, app, getSim: () => sim, credential, step, examplesDir: path.resolve(ROOT, option('examples', 'examples')), onTools: (tools) => { mkdirSync(path.join(ROOT, 'test-output'), { recursive: true }); writeFileSync(path.join(ROOT, 'test-output', 'mcp-tools.json'), JSON.stringify(tools, null, 2)); } });
		mark('mcp', t);
	}

	if (!flag('no-browser')) {
		t = Date.now();
		const { browserChecks } = await import('./lib/browser.mjs');
		await browserChecks({
			url,
			owner: OWNER,
			sim,
			credentialName: CREDENTIAL_NAME,
			// Every run writes test-output/screenshots/<version> (git-ignored); --update-screenshots writes the committed
			// docs/screenshots/ instead (the README shows them), so routine runs leave the work tree clean.
			screenshotsDir: screenshotsDir(version),
			n8nMajor: app.major,
			step,
			// The MCP example's tool nodes: their Tool Description field (scripts/lib/mcp.mjs activated it).
			mcpWorkflowId,
			// Screenshots of the real examples only (not of the built-in smoke workflow).
			workflows: imported.filter((e) => !e.file.startsWith('(')).map((e) => ({ id: e.viewId, file: e.file, nodeCount: e.wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length })),
		});
		mark('browser', t);
	}

	if (!flag('no-self-hosted')) {
		t = Date.now();
		const { selfHostedChecks } = await import('./lib/self-hosted.mjs');
		await selfHostedChecks({ url, rest, sim, screenshotsDir: screenshotsDir(version), step, n8nMajor: app.major, browser: !flag('no-browser') });
		mark('self-hosted', t);
	}

	if (child.exitCode !== null) record('n8n stayed up', false, `exited with ${child.exitCode}`);
	mark('total', t0);
	log(`timings (s): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
	if (results.some((r) => !r.ok)) {
		console.log(`n8n log: ${flag('keep') ? logFile : '(rerun with --keep to keep it)'}; last lines:\n${child.output().split('\n').slice(-40).join('\n')}`);
	}
}

async function runWorkflows({ app, env, freshSim, credential, work }) {
	let sim = await freshSim();
	const { expectationsFor, snapshot } = await import('./lib/expectations.mjs');
	const examplesDir = path.resolve(ROOT, option('examples', 'examples'));
	let entries = [];
	try {
		entries = readdirSync(examplesDir)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.map((f) => ({ file: f, wf: readJson(path.join(examplesDir, f)) }))
			.filter((e) => !e.wf.nodes.some((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')); // served over MCP: scripts/lib/mcp.mjs
	} catch {
		/* no examples/ yet */
	}
	if (!entries.length) {
		log('examples/*.json: none yet — running the built-in smoke workflow instead');
		entries = fallbackWorkflows(sim);
	}

	// One `n8n import:workflow --separate` for all (each CLI command boots n8n: ~5-10 s here).
	const importDir = path.join(work, 'import');
	mkdirSync(importDir, { recursive: true });
	entries.forEach((e, i) => {
		e.id = `rce2e${String(i + 1).padStart(11, '0')}`; // 16 chars like n8n's own ids
		e.prepared = prepareWorkflow(e.wf, { id: e.id, credential });
		writeFileSync(path.join(importDir, `${e.id}.json`), JSON.stringify(e.prepared, null, 2));
		// An untouched copy (credential only) for the canvas screenshot: without the added Manual Trigger.
		e.viewId = `rcview${String(i + 1).padStart(10, '0')}`;
		writeFileSync(path.join(importDir, `${e.viewId}.json`), JSON.stringify(prepareWorkflow(e.wf, { id: e.viewId, credential, addManualTrigger: false }), null, 2));
	});
	const imp = await n8nCli(env, ['import:workflow', '--separate', `--input=${importDir}`], { app });
	if (!(await step(`import ${entries.length} workflow(s) with n8n import:workflow (+ as-is copies for screenshots)`, async () => {
		if (imp.code !== 0) throw new Error(`exit ${imp.code}\n${(imp.stdout + imp.stderr).slice(-3000)}`);
		return `${(imp.ms / 1000).toFixed(1)} s`;
	})))
		return [];

	for (const [i, e] of entries.entries()) {
		if (i > 0) sim = await freshSim();
		const expectation = expectationsFor(e.file, e.prepared);
		const before = snapshot(sim);
		await expectation.before?.({ sim, wf: e.prepared });
		sim.clearRequests();
		const res = await n8nCli(env, ['execute', `--id=${e.id}`, '--rawOutput'], { app });
		const runData = parseExecuteOutput(res.stdout);
		await step(`example ${e.file}: "${e.wf.name}"`, async () => {
			if (!runData) throw new Error(`no execution JSON (exit ${res.code}):\n${(res.stdout + res.stderr).slice(-3000)}`);
			const error = runData.data?.resultData?.error;
			if (res.code !== 0 || runData.status !== 'success' || error) {
				throw new Error(`execution ${runData.status} (exit ${res.code}): ${error?.message ?? ''} ${error?.description ?? ''} (node ${error?.node?.name ?? '?'})`);
			}
			const ran = runData.data.resultData.runData;
			const rcNodes = e.prepared.nodes.filter((n) => n.type === NODE_TYPE && !n.disabled);
			for (const n of rcNodes) {
				const runs = ran[n.name];
				if (!runs) continue; // a branch that got no items does not run
				for (const r of runs) if (r.error) throw new Error(`node ${n.name}: ${r.error.message}`);
			}
			const detail = await expectation.check({ sim, before, run: runData, wf: e.prepared, requests: [...sim.requests] });
			return `${(res.ms / 1000).toFixed(1)} s; ${Object.keys(ran).length} nodes ran, ${sim.requests.length} API calls${detail ? `; ${detail}` : ''}`;
		});
	}
	return entries;
}

/** Several versions: build once, then one child process per version, one after the other. */
async function runEachVersion() {
	if (!flag('no-build')) await buildPackage();
	const passOn = argv.filter((a, i) => !a.startsWith('--n8n') && argv[i - 1] !== '--n8n' && a !== '--no-build');
	const runs = [];
	for (const version of VERSIONS) {
		const t = Date.now();
		const code = await new Promise((resolve) => {
			const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'e2e.mjs'), `--n8n=${version}`, '--no-build', ...passOn], { cwd: ROOT, stdio: 'inherit' });
			for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => child.kill(sig));
			child.on('close', (c, sig) => resolve(c ?? sig));
		});
		runs.push({ version, code, s: ((Date.now() - t) / 1000).toFixed(0) });
	}
	console.log(`\ne2e on ${runs.length} n8n versions:`);
	for (const r of runs) console.log(`  n8n ${r.version}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`} in ${r.s} s`);
	process.exit(runs.every((r) => r.code === 0) ? 0 : 1);
}

if (VERSIONS.length > 1) await runEachVersion();

// A hard limit for the whole run (CI must never hang): E2E_TIMEOUT_S, default 20 min.
const watchdog = setTimeout(
	() => {
		record('e2e run', false, `still running after ${process.env.E2E_TIMEOUT_S ?? 1200} s: stopping`);
		void stopAll({ graceMs: 3000 }).finally(() => {
			console.log(`\ne2e: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed`);
			process.exit(1);
		});
	},
	Number(process.env.E2E_TIMEOUT_S ?? 1200) * 1000,
);
watchdog.unref();

let exitCode = 0;
try {
	await main(VERSIONS[0]);
} catch (e) {
	record('e2e run', false, e.stack ?? e.message);
} finally {
	await stopAll();
	const failed = results.filter((r) => !r.ok).length;
	exitCode = failed || !results.length ? 1 : 0;
	console.log(`\ne2e on n8n ${VERSIONS[0]}: ${results.length - failed} passed, ${failed} failed`);
	process.exit(exitCode);
}
