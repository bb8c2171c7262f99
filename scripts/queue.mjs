#!/usr/bin/env node
// npm run test:queue — the package in n8n's queue mode: Postgres, Redis, an n8n main and two workers
// (`n8n worker`), each n8n process with the package installed in its own user folder, against the Rocket.Chat
// simulator. Checks what an admin of a large workspace relies on and prints the figures it saw (no timing is
// asserted: the machine is shared).
//
//   1. Onboarding through a Webhook variant of examples/onboarding.json, 20 requests in flight: every user
//      created once, with avatar, preferences and exactly one welcome e-mail; both workers ran some.
//   2. The same under one shared rate limit (2 calls/s per route for every caller, admins included).
//   3. A worker stopped with SIGTERM in the middle of a batch: every execution ends, nobody half-onboarded.
//   4. examples/new-user-welcome.json active on the main: users created between polls get exactly one welcome
//      run each, also when both workers are stopped during a poll and started again.
//   Figures: executions per second with 1 and 2 workers at 200 ms simulated latency; worker CPU per execution,
//   next to the same job done with n8n's HTTP Request node (scripts/lib/httpOnboarding.cjs, shared with the bench),
//   its token kept in a Custom Auth credential as the node keeps its own (the reference) and, beside it, typed in.
//
// Postgres and Redis come from the distribution's packages (installed with apt-get when missing), run on free
// loopback ports from a temporary folder and are stopped by their own PIDs at the end, also on failure.
// Options: --no-build (dist/ is fresh), --keep (keep the temporary folder with every process's log),
//          --executions=N (per check, default 200), --only=figures,onboarding,limited,sigterm,trigger (a subset,
//          while working on one of them).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import {
	CREDENTIAL_TYPE,
	N8nRest,
	buildPackage,
	freePort,
	importAndActivate,
	n8nEnv,
	onCleanup,
	readJson,
	simCredentialData,
	stagePackage,
	startN8n,
	startProcess,
	startSimulatorInProcess,
	stopAll,
	waitUntilServed,
} from './lib/harness.mjs';
import { CACHE, N8N_VERSION, ROOT, ensureN8nApp, log } from './lib/n8n-app.mjs';
import { customAuthData, httpOnboardingWorkflow } from './lib/httpOnboarding.cjs';

const exec = promisify(execFile);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, dflt) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;

const EXECUTIONS = Number(option('executions', '200'));
const PARTS = ['figures', 'onboarding', 'limited', 'sigterm', 'trigger'];
const ONLY = option('only', PARTS.join(',')).split(',');
for (const part of ONLY) if (!PARTS.includes(part)) throw new Error(`--only ${part}: not one of ${PARTS.join(', ')}`);
const runs = (part) => ONLY.includes(part);
const IN_FLIGHT = 20;
const WORKER_CONCURRENCY = 10;
const THROUGHPUT_RUNS = 60;
/** Executions per batch of the worker CPU figure: 8 batches per variant, the three variants in every order; the figure is their total CPU over their executions. */
const CPU_BATCH = 30;
const SHARED_LIMIT = { calls: 2, windowMs: 1000 };
const OWNER = { email: 'owner@example.com', firstName: 'Queue', lastName: 'Owner', password: 'Queue-Password-1' };
const CREDENTIAL_NAME = 'Rocket.Chat simulator';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------
const results = [];
const figures = [];
async function check(name, fn) {
	const t0 = Date.now();
	try {
		const detail = await fn();
		results.push({ name, ok: true });
		log(`PASS ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`);
	} catch (e) {
		results.push({ name, ok: false });
		log(`FAIL ${name} — ${e.message}`);
		if (process.env.QUEUE_DEBUG) console.error(e.stack);
	}
}
function assert(ok, message) {
	if (!ok) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------------
// Postgres and Redis from the distribution's packages
// ---------------------------------------------------------------------------------------------------
async function aptInstall(packages) {
	log(`installing ${packages.join(', ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		await exec('apt-get', ['install', '-y', '-q', ...packages], { env });
	} catch {
		await exec('apt-get', ['update', '-q'], { env });
		await exec('apt-get', ['install', '-y', '-q', ...packages], { env });
	}
}

function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const newest = readdirSync(root)
		.filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest && path.join(root, newest, 'bin');
}

async function commandExists(cmd) {
	return await exec('sh', ['-c', `command -v ${cmd}`]).then(
		() => true,
		() => false,
	);
}

async function ensureServices() {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (!(await commandExists('redis-server'))) missing.push('redis-server');
	if (missing.length) await aptInstall(missing);
	const bin = postgresBin();
	assert(bin, 'postgresql installed, but no /usr/lib/postgresql/<version>/bin/postgres');
	return bin;
}

/** Postgres refuses to run as root: as root, the cluster belongs to the package's `postgres` user. */
async function postgresUser() {
	if (process.getuid?.() !== 0) return {};
	const [{ stdout: uid }, { stdout: gid }] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
	return { uid: Number(uid), gid: Number(gid) };
}

async function startPostgres(bin, work) {
	const owner = await postgresUser();
	// Its own folder under the system's temporary folder: the postgres user may not enter root's home.
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-rocketchat-queue-pg-'));
	onCleanup(() => rmSync(dir, { recursive: true, force: true }));
	if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid);
	const data = path.join(dir, 'data');
	await exec(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { ...owner, cwd: dir });
	const port = await freePort();
	// A throwaway cluster: durability settings off, it only has to be fast.
	const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
	const child = startProcess('postgres', path.join(bin, 'postgres'), args, { cwd: dir, logFile: path.join(work, 'postgres.log'), ...owner });
	await child.waitForOutput(/database system is ready to accept connections/, 60_000);
	log(`postgres (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, pid ${child.pid}`);
	return { port, child };
}

async function startRedis(work) {
	const port = await freePort();
	const child = startProcess('redis', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], {
		logFile: path.join(work, 'redis.log'),
	});
	await child.waitForOutput(/Ready to accept connections/, 30_000);
	log(`redis on 127.0.0.1:${port}, pid ${child.pid}`);
	return { port, child };
}

// ---------------------------------------------------------------------------------------------------
// n8n: one main, workers started and stopped at will
// ---------------------------------------------------------------------------------------------------
function queueEnv({ app, userFolder, mainPort, pg, redis }) {
	return n8nEnv({
		app,
		userFolder,
		port: mainPort,
		encryptionKey: 'queue-encryption-key-not-secret',
		extra: {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
			N8N_LOG_LEVEL: 'info',
		},
	});
}

/** A worker process; `runs()` counts the executions it started ("Worker started execution" in its log). */
async function startWorker({ app, name, env, work }) {
	const healthPort = await freePort();
	const workerEnv = {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const t0 = Date.now();
	const child = startProcess(name, app.node, [app.n8n, 'worker', `--concurrency=${WORKER_CONCURRENCY}`], { env: workerEnv, logFile: path.join(work, `${name}.log`) });
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${child.output().slice(-3000)}`);
		if (Date.now() - t0 > 120_000) throw new Error(`${name} not ready after 120 s:\n${child.output().slice(-3000)}`);
		const ready = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`).then(
			(r) => r.status === 200,
			() => false,
		);
		if (ready) break;
		await sleep(300);
	}
	log(`${name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid})`);
	let before = 0;
	const count = () => (child.output().match(/Worker started execution/g) ?? []).length;
	return {
		name,
		child,
		/** Executions started since the last `mark()`. */
		runs: () => count() - before,
		mark: () => (before = count()),
		/** SIGTERM: the worker stops taking jobs, finishes its running executions and exits. */
		async stop(timeoutMs = 60_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			process.kill(child.pid, 'SIGTERM');
			const t = Date.now();
			await Promise.race([exited, sleep(timeoutMs)]);
			assert(child.exitCode !== null || child.signalCode !== null, `${name} still running ${timeoutMs} ms after SIGTERM`);
			log(`${name} stopped after SIGTERM in ${((Date.now() - t) / 1000).toFixed(1)} s`);
		},
	};
}

/** CPU seconds (user + system, children included) of every process in a process group, from /proc. */
function groupCpuSeconds(pgid) {
	let ticks = 0;
	for (const pid of readdirSync('/proc')) {
		if (!/^\d+$/.test(pid)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue;
		}
		// Fields after the command name in parentheses: state(3) ppid(4) pgrp(5) … utime(14) stime(15) cutime(16) cstime(17).
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
	}
	return ticks / 100; // USER_HZ is 100 on Linux
}

// ---------------------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------------------
function webhookNode(name, webhookPath) {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		// lastNode: the caller's request ends when the execution does, so a batch knows when it is done.
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} },
	};
}

/** examples/onboarding.json with its Manual Trigger and fixed list replaced by a Webhook that receives one hire. */
function onboardingWebhookWorkflow(webhookPath) {
	const wf = readJson(path.join(ROOT, 'examples', 'onboarding.json'));
	const manual = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	assert(manual, 'examples/onboarding.json has no Manual Trigger');
	const hook = webhookNode('New Hire (Webhook)', webhookPath);
	hook.position = manual.position;
	wf.nodes = wf.nodes.filter((n) => n !== manual).concat(hook);
	wf.connections[hook.name] = wf.connections[manual.name];
	delete wf.connections[manual.name];
	const hires = wf.nodes.find((n) => n.name === 'New Hires');
	assert(hires, 'examples/onboarding.json has no "New Hires" node');
	hires.parameters.assignments.assignments[0].value = '={{ [$json.body] }}';
	wf.name = 'Queue: onboard a hire (Webhook)';
	return wf;
}

/**
 * The same job with n8n's HTTP Request nodes, for the CPU comparison (scripts/lib/httpOnboarding.cjs, shared with the
 * bench): the same Webhook, New Hires and Split Out, then the calls. Exists only inside the test's temporary n8n.
 */
function httpRequestWorkflow(webhookPath, sim, headerCredential) {
	const wf = httpOnboardingWorkflow(onboardingWebhookWorkflow(webhookPath), { url: sim.url, userId: sim.admin.userId, authToken: sim.admin.authToken, headerCredential });
	return { ...wf, name: `Queue: onboard a hire (HTTP Request nodes${headerCredential ? ', Custom Auth credential' : ''})` };
}

// ---------------------------------------------------------------------------------------------------
// Batches and what they must leave behind
// ---------------------------------------------------------------------------------------------------
function hires(tag, n) {
	return Array.from({ length: n }, (_, i) => {
		const username = `queue.${tag}.${i + 1}`;
		return { name: `Queue ${tag} ${i + 1}`, email: `${username}@example.com`, username, avatarUrl: `https://example.com/photos/${tag}-${i + 1}.png` };
	});
}

/** The longest time from a call's first 429 to its answer: calls are told apart by route and the user they concern. */
function longestLimitWaitMs(sim, { requestsBefore }) {
	const firstRefusal = new Map();
	let longest = 0;
	for (const r of sim.requests) {
		if (r.seq <= requestsBefore) continue;
		const subject = r.body?.username ?? r.body?.email ?? r.body?.userId ?? r.query.email ?? r.query.username ?? r.query.userId;
		const key = `${r.method} ${r.path} ${subject}`;
		if (r.status === 429) {
			if (!firstRefusal.has(key)) firstRefusal.set(key, r.time);
		} else if (firstRefusal.has(key)) {
			longest = Math.max(longest, r.time - firstRefusal.get(key));
			firstRefusal.delete(key);
		}
	}
	return longest;
}

/** POSTs every hire to the webhook, `inFlight` at a time; resolves with each answer's status and the wall time. */
async function fire(webhookUrl, list, { inFlight = IN_FLIGHT, onAnswer } = {}) {
	const answers = new Array(list.length);
	let next = 0;
	const t0 = Date.now();
	const lane = async () => {
		while (next < list.length) {
			const i = next++;
			const r = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(list[i]) }).catch((e) => ({ status: 0, text: async () => e.message }));
			answers[i] = { status: r.status, body: r.status === 200 ? '' : (await r.text()).slice(0, 300) };
			onAnswer?.(answers.filter(Boolean).length);
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, list.length) }, lane));
	return { answers, ms: Date.now() - t0 };
}

/** Every hire exists once, with avatar and preferences, created by exactly one users.create and welcomed exactly once. */
function assertOnboarded(sim, list, { emailsBefore, requestsBefore }) {
	const problems = [];
	const welcomes = sim.state.emailsSent.slice(emailsBefore).filter((m) => m.kind === 'welcome');
	const creates = sim.requests.filter((r) => r.seq > requestsBefore && r.path === '/api/v1/users.create' && r.status === 200);
	for (const hire of list) {
		const users = sim.state.users.filter((u) => u.username === hire.username);
		if (users.length !== 1) {
			problems.push(`${hire.username}: ${users.length} accounts`);
			continue;
		}
		const [user] = users;
		const madeBy = creates.filter((r) => r.body?.username === hire.username).length;
		const welcomed = welcomes.filter((m) => m.userId === user._id).length;
		if (madeBy !== 1) problems.push(`${hire.username}: created by ${madeBy} users.create calls`);
		if (!user.avatar) problems.push(`${hire.username}: no avatar`);
		if (!Object.keys(user.preferences ?? {}).length) problems.push(`${hire.username}: no preferences`);
		if (welcomed !== 1) problems.push(`${hire.username}: ${welcomed} welcome e-mails`);
	}
	assert(!problems.length, `${problems.length} of ${list.length} not onboarded exactly once: ${problems.slice(0, 8).join('; ')}`);
}

function assertAllAnswered(answers) {
	const failed = answers.filter((a) => a.status !== 200);
	assert(!failed.length, `${failed.length} of ${answers.length} executions did not end successfully: ${failed.slice(0, 3).map((a) => `${a.status} ${a.body}`).join(' | ')}`);
}

/** How many of the workflow's executions n8n has in each status (what its Executions list shows). */
async function executionStatuses(rest, workflowId) {
	const counts = {};
	for (const status of ['new', 'running', 'waiting', 'success', 'error', 'crashed', 'canceled']) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [status] }));
		const page = await rest.request('GET', `/rest/executions?filter=${filter}&limit=1`);
		if (page.count) counts[status] = page.count;
	}
	return counts;
}

/**
 * The error messages of the workflow's newest failed executions, for a failure report. n8n stores execution data
 * "flatted": one array in which objects point at their values by index.
 */
async function newestErrors(rest, workflowId, n = 3) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['error'] }));
	const page = await rest.request('GET', `/rest/executions?filter=${filter}&limit=${n}`);
	const messages = new Set();
	for (const { id } of page.results ?? []) {
		const execution = await rest.request('GET', `/rest/executions/${id}`);
		const flat = typeof execution.data === 'string' ? JSON.parse(execution.data) : [];
		for (const entry of flat) {
			const ref = entry && typeof entry === 'object' ? entry.message : undefined;
			const text = typeof ref === 'string' && /^\d+$/.test(ref) ? flat[Number(ref)] : undefined;
			if (typeof text === 'string' && text) messages.add(`#${id}: ${text.slice(0, 200)}`);
		}
	}
	return [...messages].slice(0, n).join(' | ');
}

// ---------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------
async function main() {
	const started = Date.now();
	const bin = await ensureServices();
	const app = await ensureN8nApp(N8N_VERSION);
	log(`n8n ${app.version} on Node ${app.nodeVersion}`);
	if (!flag('no-build')) await buildPackage();

	const runsDir = path.join(CACHE, '..', 'queue');
	mkdirSync(runsDir, { recursive: true });
	const work = mkdtempSync(path.join(runsDir, 'run-'));
	if (flag('keep')) log(`keeping ${work}`);
	else onCleanup(() => rmSync(work, { recursive: true, force: true }));

	// One user folder per process, each with its own copy of the packed package (as `npm install` on each host).
	const folders = Object.fromEntries(['main', 'worker-1', 'worker-2'].map((n) => [n, path.join(work, n)]));
	await stagePackage(folders.main);
	for (const n of ['worker-1', 'worker-2']) cpSync(path.join(folders.main, '.n8n', 'nodes'), path.join(folders[n], '.n8n', 'nodes'), { recursive: true });

	const [pg, redis] = await Promise.all([startPostgres(bin, work), startRedis(work)]);
	// The request log must hold every request of the run: the checks count users.create calls and polls in it.
	const sim = await startSimulatorInProcess({ seed: 1, users: 20, requestLogLimit: 1_000_000 });
	log(`simulator at ${sim.url}`);

	const mainPort = await freePort();
	const envOf = (folder) => queueEnv({ app, userFolder: folder, mainPort, pg, redis });
	const { url } = await startN8n({ app, baseEnv: envOf(folders.main), logFile: path.join(work, 'main.log') });
	const rest = new N8nRest(url);
	await rest.ownerSetupOrLogin(OWNER);
	const credential = await rest.upsertCredential({ name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });

	const workers = { 'worker-1': undefined, 'worker-2': undefined };
	const start = async (name) => (workers[name] = await startWorker({ app, name, env: envOf(folders[name]), work }));
	await start('worker-1');

	const onboardingId = await importAndActivate(rest, onboardingWebhookWorkflow('queue-onboard'), credential);
	const httpId = await importAndActivate(rest, httpRequestWorkflow('queue-onboard-http', sim), credential);
	// The same HTTP Request workflow with the token kept in n8n's Custom Auth credential rather than typed in.
	const headerCredential = await rest.upsertCredential({ name: 'Rocket.Chat headers (Custom Auth)', type: 'httpCustomAuth', data: customAuthData({ userId: sim.admin.userId, authToken: sim.admin.authToken }) });
	const httpCredentialId = await importAndActivate(rest, httpRequestWorkflow('queue-onboard-http-credential', sim, headerCredential), credential);
	const onboardUrl = `${url}/webhook/queue-onboard`;
	const httpUrl = `${url}/webhook/queue-onboard-http`;
	const httpCredentialUrl = `${url}/webhook/queue-onboard-http-credential`;
	// The probe has no e-mail: each workflow fails at its first Rocket.Chat call without creating anyone.
	const probe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"probe":true}' };
	await Promise.all([onboardUrl, httpUrl, httpCredentialUrl].map((served) => waitUntilServed(served, probe)));
	log(`workflows ${onboardingId} (Rocket.Chat node), ${httpId} (HTTP Request node) and ${httpCredentialId} (HTTP Request node, credential) active`);

	const snapshot = () => ({ emailsBefore: sim.state.emailsSent.length, requestsBefore: sim.requests.at(-1)?.seq ?? 0 });
	const callsSince = (before) => sim.requests.filter((r) => r.seq > before.requestsBefore).length;

	// Figures first, on one worker: throughput at 200 ms latency, CPU per execution at 0 ms for both variants.
	const throughput = {};
	const cpu = {};
	const measureThroughput = async (label) => {
		sim.setLatency(200);
		const batch = hires(`tput${label.replace(/\W+/g, '')}`, THROUGHPUT_RUNS);
		const before = snapshot();
		const { answers, ms } = await fire(onboardUrl, batch);
		assertAllAnswered(answers);
		assertOnboarded(sim, batch, before);
		throughput[label] = (THROUGHPUT_RUNS / ms) * 1000;
		sim.setLatency(0);
		return `${throughput[label].toFixed(2)} executions/s`;
	};
	if (runs('figures')) await check(`figures: ${THROUGHPUT_RUNS} onboarding executions on 1 worker at 200 ms latency`, () => measureThroughput('1 worker'));
	// Batches in every order of the three variants (A B C, C A B, ...), then A B C C B A, so that drift on the shared
	// machine hits all alike; a variant's figure is all the worker's CPU in its batches over their executions, garbage
	// collection included. The target compares the node with the HTTP Request workflow that keeps its token in a
	// credential, as the node's workflow does; the one with the token typed in is printed beside it.
	const cpuVariants = { 'Rocket.Chat node': onboardUrl, 'HTTP Request node, credential': httpCredentialUrl, 'HTTP Request node, token typed in': httpUrl };
	const [a, b, c] = Object.keys(cpuVariants);
	const cpuOrder = [a, b, c, c, a, b, b, c, a, a, c, b, b, a, c, c, b, a, a, b, c, c, b, a];
	// Warm-up, not measured: the first executions of a workflow on a worker load its nodes and compile their code.
	if (runs('figures')) {
		await check('figures: warm-up of every variant on worker-1 (not measured)', async () => {
			for (const [index, url] of Object.values(cpuVariants).entries()) {
				const batch = hires(`warm${index}`, 10);
				const before = snapshot();
				assertAllAnswered((await fire(url, batch)).answers);
				assertOnboarded(sim, batch, before);
			}
			return `10 executions of each of ${Object.keys(cpuVariants).length}`;
		});
	}
	if (runs('figures')) for (const [index, variant] of cpuOrder.entries()) {
		await check(`figures: worker CPU per execution, ${variant} (batch ${cpuOrder.slice(0, index + 1).filter((v) => v === variant).length})`, async () => {
			const batch = hires(`cpu${index}`, CPU_BATCH);
			const before = snapshot();
			const cpu0 = groupCpuSeconds(workers['worker-1'].child.pid);
			const { answers } = await fire(cpuVariants[variant], batch);
			assertAllAnswered(answers);
			assertOnboarded(sim, batch, before);
			const seconds = groupCpuSeconds(workers['worker-1'].child.pid) - cpu0;
			const calls = callsSince(before);
			(cpu[variant] ??= []).push({ seconds, executions: batch.length, calls });
			const perRun = calls / batch.length;
			return `${((seconds * 1000) / batch.length).toFixed(0)} ms CPU per execution, ${perRun.toFixed(1)} Rocket.Chat calls each, ${((seconds * 1000) / batch.length / perRun).toFixed(1)} ms per call`;
		});
	}
	await start('worker-2');
	if (runs('figures')) await check(`figures: ${THROUGHPUT_RUNS} onboarding executions on 2 workers at 200 ms latency`, () => measureThroughput('2 workers'));

	const onboardBatch = async (tag, { sharedLimit = false } = {}) => {
		for (const w of Object.values(workers)) w.mark();
		if (sharedLimit) sim.setRateLimit(SHARED_LIMIT, { admins: true });
		const batch = hires(tag, EXECUTIONS);
		const before = snapshot();
		try {
			const { answers, ms } = await fire(onboardUrl, batch);
			if (answers.some((a) => a.status !== 200)) log(`failed executions: ${await newestErrors(rest, onboardingId).catch((e) => e.message)}`);
			assertAllAnswered(answers);
			assertOnboarded(sim, batch, before);
			const ran = Object.values(workers).map((w) => w.runs());
			assert(ran.every((n) => n > 0), `not both workers ran executions: ${ran.join(' / ')}`);
			const limited = sim.requests.filter((r) => r.seq > before.requestsBefore && r.status === 429).length;
			const waited = sharedLimit ? `; ${limited} answers were 429 and waited out, the longest wait of one call ${(longestLimitWaitMs(sim, before) / 1000).toFixed(1)} s (Max Rate Limit Wait: 60 s)` : '';
			return `${EXECUTIONS}/${EXECUTIONS} onboarded once in ${(ms / 1000).toFixed(1)} s; executions per worker ${ran.join(' / ')}${waited}`;
		} finally {
			if (sharedLimit) sim.setRateLimit(false);
		}
	};
	if (runs('onboarding')) await check(`${EXECUTIONS} onboarding executions through the Webhook, ${IN_FLIGHT} in flight, 2 workers`, () => onboardBatch('plain'));
	if (runs('limited')) await check(`${EXECUTIONS} onboarding executions under a shared limit of ${SHARED_LIMIT.calls} calls/s per route (admins limited too)`, () => onboardBatch('limited', { sharedLimit: true }));

	if (runs('sigterm')) {
		await check('a worker stopped with SIGTERM during a batch: every execution ends, nobody half-onboarded', async () => {
			sim.setLatency(200);
			const batch = hires('sigterm', 80);
			const before = snapshot();
			const statusesBefore = await executionStatuses(rest, onboardingId);
			const stopped = workers['worker-2'];
			let stopping;
			const { answers } = await fire(onboardUrl, batch, {
				onAnswer: (done) => {
					if (done === 20 && !stopping) stopping = stopped.stop();
				},
			});
			await stopping;
			sim.setLatency(0);
			// n8n's own account of the executions it had to wait for: the SIGTERM really came mid-run.
			const waited = Number(/Waiting for (\d+) active executions to finish/.exec(stopped.child.output())?.[1] ?? 0);
			assert(waited > 0, 'worker-2 had no running execution when it got SIGTERM');
			assertAllAnswered(answers);
			assertOnboarded(sim, batch, before);
			const statuses = await executionStatuses(rest, onboardingId);
			const added = Object.fromEntries(Object.entries(statuses).map(([k, n]) => [k, n - (statusesBefore[k] ?? 0)]).filter(([, n]) => n));
			assert(JSON.stringify(added) === JSON.stringify({ success: batch.length }), `executions of the batch by status: ${JSON.stringify(added)}`);
			return `worker-2 finished its ${waited} running executions, then exited; all ${batch.length} ended successfully (n8n: ${JSON.stringify(added)}), each hire onboarded once`;
		});
		await start('worker-2');
	}

	if (runs('trigger')) await check('New User trigger on the main: one welcome run per new user, also across a poll with every worker stopped', async () => {
		const wf = readJson(path.join(ROOT, 'examples', 'new-user-welcome.json'));
		const trigger = wf.nodes.find((n) => n.parameters?.pollTimes);
		// n8n polls at most once a minute; the second is chosen so that the first scheduled poll comes ~20 s after activation.
		const second = (new Date().getUTCSeconds() + 25) % 60;
		trigger.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] };
		const polls = () => sim.requests.filter((r) => r.path === '/api/v1/users.list').length;
		const pollsBefore = polls();
		const before = snapshot();
		const triggerId = await importAndActivate(rest, wf, credential);
		// The activation's own poll only records where to start: users created before it are never reported.
		await waitFor(() => polls() > pollsBefore, 30_000, 'the trigger’s first poll');
		const welcomedOnce = (users) => {
			const welcomes = sim.state.emailsSent.slice(before.emailsBefore).filter((m) => m.kind === 'welcome');
			return users.every((u) => welcomes.filter((m) => m.userId === u._id).length === 1);
		};
		const firstGroup = await createUsers(sim, 'polled', 5);
		const seen = () => `${polls() - pollsBefore} polls, ${sim.state.emailsSent.length - before.emailsBefore} welcome e-mails, cron "${second} * * * * *"`;
		await waitFor(() => welcomedOnce(firstGroup), 90_000, 'a welcome e-mail for each of 5 users created between polls', seen);

		await Promise.all(Object.values(workers).map((w) => w.stop()));
		const secondGroup = await createUsers(sim, 'waiting', 3);
		const pollsNow = polls();
		await waitFor(() => polls() > pollsNow, 90_000, 'a poll while every worker is stopped');
		await sleep(3000);
		const early = sim.state.emailsSent.slice(before.emailsBefore).filter((m) => secondGroup.some((u) => u._id === m.userId));
		assert(!early.length, 'a welcome e-mail was sent while no worker was running');
		await Promise.all(Object.keys(workers).map(start));
		await waitFor(() => welcomedOnce(secondGroup), 60_000, 'the waiting run once a worker is back');
		await sleep(3000);
		assert(welcomedOnce([...firstGroup, ...secondGroup]), 'a user got more than one welcome e-mail');
		await rest.request('POST', `/rest/workflows/${triggerId}/deactivate`, {});
		return `5 users welcomed once after the next poll; 3 users created while the workers were stopped welcomed once after they came back`;
	});

	/** A variant's batches: the CPU and the calls per execution over all of them. */
	const figure = (batches) => {
		if (!batches) return undefined;
		const total = (key) => batches.reduce((sum, b) => sum + b[key], 0);
		return { batches: batches.length, perExecution: total('seconds') / total('executions'), calls: total('calls') / total('executions') };
	};
	const onboarding = figure(cpu['Rocket.Chat node']);
	const http = figure(cpu['HTTP Request node, credential']);
	const httpTypedToken = figure(cpu['HTTP Request node, token typed in']);
	if (throughput['1 worker'] && throughput['2 workers']) {
		figures.push(`executions/s at 200 ms latency: 1 worker ${throughput['1 worker'].toFixed(2)}, 2 workers ${throughput['2 workers'].toFixed(2)} (${(throughput['2 workers'] / throughput['1 worker']).toFixed(2)}×)`);
	}
	if (onboarding && http) {
		figures.push(
			`worker CPU per execution (${onboarding.batches} batches of ${CPU_BATCH} each): Rocket.Chat node ${(onboarding.perExecution * 1000).toFixed(0)} ms (${onboarding.calls.toFixed(1)} calls), HTTP Request node with its token in a Custom Auth credential ${(http.perExecution * 1000).toFixed(0)} ms (${http.calls.toFixed(1)} calls): ${(onboarding.perExecution / http.perExecution).toFixed(2)}× per execution, ${(onboarding.perExecution / onboarding.calls / (http.perExecution / http.calls)).toFixed(2)}× per call`,
		);
	}
	if (onboarding && httpTypedToken) {
		figures.push(
			`  beside it, HTTP Request node with the token typed into the workflow (reads no credential): ${(httpTypedToken.perExecution * 1000).toFixed(0)} ms (${httpTypedToken.calls.toFixed(1)} calls): Rocket.Chat node ${(onboarding.perExecution / httpTypedToken.perExecution).toFixed(2)}× of it per execution`,
		);
	}
	console.log('\n== figures (not asserted; the machine is shared)');
	for (const f of figures) console.log(`  ${f}`);
	const failed = results.filter((r) => !r.ok);
	console.log(`\n== test:queue: ${results.length - failed.length}/${results.length} checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return failed.length ? 1 : 0;
}

/** Users created as an admin creates them (users.create), i.e. with the server's creation time. */
async function createUsers(sim, tag, n) {
	const users = [];
	for (const hire of hires(tag, n)) {
		const r = await fetch(`${sim.url}/api/v1/users.create`, {
			method: 'POST',
			// The admin's password as second factor: users.create is 2FA-gated on 9.0 (simulator/versions.ts createTwoFactorGated).
			headers: { ...sim.authHeaders(sim.admin, { 'x-2fa-code': sim.passwordCode(sim.admin.password), 'x-2fa-method': 'password' }), 'content-type': 'application/json' },
			body: JSON.stringify({ email: hire.email, name: hire.name, username: hire.username, password: `Pw-${randomUUID()}` }),
		});
		const body = await r.json();
		assert(r.status === 200, `users.create ${hire.username}: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
		users.push(body.user);
	}
	return users;
}

async function waitFor(condition, timeoutMs, what, detail = () => '') {
	const t0 = Date.now();
	while (!condition()) {
		if (Date.now() - t0 > timeoutMs) throw new Error(`not seen within ${timeoutMs / 1000} s: ${what}${detail() ? ` (${detail()})` : ''}`);
		await sleep(250);
	}
}

let code = 1;
try {
	code = await main();
} catch (e) {
	console.error(`test:queue failed: ${e.stack ?? e}`);
} finally {
	await stopAll();
}
process.exit(code);
