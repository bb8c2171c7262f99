/**
 * npm run bench [-- --no-build] [-- --quick] [-- --only=list,bulk,heap,network,cpu] [-- --cpu-prof]
 *
 * Measures the built node (dist/) in n8n-core's WorkflowExecute against the Rocket.Chat simulator, next to what
 * cannot be beaten (a plain `fetch` loop, "the floor"), a minimal "n8n floor" node (getNodeParameter +
 * httpRequestWithAuthentication per request, nothing else: what any node pays inside n8n) and n8n's own HTTP
 * Request node doing the same. Prints a table and, last, one line of ratios:
 *   bench: returnAll_vs_n8nFloor=<x> … tlsBulk8_node_vs_keepAlive=<x> … cpuOnboarding_vs_httpRequestNodes=<x> …
 * Every ratio is <measured> / <reference> from this run: lower is better.
 *
 * Parts:
 *   list, bulk, heap  Return All of 20,000 users, 1,000 Set Active Status at Concurrency 1 and 8, the heap of a
 *                     Return All of 100,000 users; plain HTTP on loopback, latency added inside the simulator.
 *   network           the simulator behind TLS and a latency proxy (20 ms round trip, connection set-up
 *                     included; scripts/lib/benchNetwork.ts): Return All of 20,000 users and 1,000 writes at
 *                     Concurrency 1 and 8 for the node, the n8n floor node, the HTTP Request node and a
 *                     keep-alive fetch, with the connections each opened. One run of each, one after another
 *                     (with 8 in flight, the median of 5 runs for Return All and of 3 for the writes).
 *   cpu               CPU of this process per execution of examples/onboarding.json, against the same job done
 *                     by HTTP Request nodes (scripts/lib/httpOnboarding.cjs), their token in a credential as the
 *                     node's is and, beside it, typed in; and the requests each made (the simulator in a child
 *                     process).
 *
 * The simulator runs on a worker thread (network, cpu: a child process): like a real server it does not take
 * the client's thread, and its data and garbage stay out of the heap that is measured.
 *
 * n8n-nodes-base is not a dependency: on first use it is installed into .cache/bench/ (git-ignored),
 * with --ignore-scripts (its native modules do not build on Node 20 and are not needed here).
 * The process re-executes itself with --expose-gc, so heap samples start from a collected heap, and with
 * NODE_EXTRA_CA_CERTS naming a CA made for this run (simulator/tls.ts): only that process trusts it.
 *
 * --no-build     skip `npm run build` when dist/ exists
 * --quick        smaller sizes, one repetition: a smoke run
 * --only=…       run only these parts (comma-separated)
 * --same-thread  run the list/bulk/heap simulator on the main thread instead (to see what sharing the thread costs)
 * --cpu-prof     write a V8 CPU profile of the measuring process to .cache/bench/profiles/
 */
import { execFileSync, fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type ICredentialType,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { exampleComImages, startSimulator, type Credentials, type SimulatorOptions } from '../simulator/server';
import { makeTestCertificates } from '../simulator/tls';
import { startNetworkFront, tlsFiles, type NetworkFront } from './lib/benchNetwork';
import { loadPackageNodeTypes, runWorkflow, type EngineNodeTypes, type EngineWorkflow } from '../test/support/engine';
import { mapWithConcurrency } from '../nodes/RocketChat/transport/concurrency';
import { credentialFor } from '../test/support/simCredential';
const { httpOnboardingWorkflow, customAuthData, HTTP_NODE_TYPE } = require('./lib/httpOnboarding.cjs') as {
	httpOnboardingWorkflow: (
		onboarding: EngineWorkflow,
		server: { url: string; userId: string; authToken: string; headerCredential?: { id: string; name: string } },
	) => EngineWorkflow;
	customAuthData: (server: { userId: string; authToken: string }) => IDataObject;
	HTTP_NODE_TYPE: string;
};

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'bench');
const NODE_TYPE = 'n8n-nodes-rocketchat.rocketChat';
const FLOOR_NODE_TYPE = 'n8n-nodes-bench.n8nFloor';
const CREDENTIAL = 'rocketChatWorkspaceApi';
const PAGE = 100;
/** The node's default Page Concurrency (Request Options). */
const DEFAULT_PAGE_CONCURRENCY = 4;
const BULK_CONCURRENCY = 8;

/**
 * The targets are set against the n8n floor node measured in the same run, the least any node pays inside
 * n8n (its parameter, credential and HTTP path): the package may add at most 3% to each of its figures.
 */
const MAX_OVER_N8N_FLOOR = 1.03;

/** The parts of the benchmark, in the order they run. */
const PARTS = ['list', 'bulk', 'heap', 'network', 'cpu'] as const;
type Part = (typeof PARTS)[number];

interface Flags {
	build: boolean;
	quick: boolean;
	sameThread: boolean;
	only: Set<Part>;
	/** Write a V8 CPU profile of the measuring process to .cache/bench/profiles/ (node --cpu-prof). */
	cpuProf: boolean;
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = { build: true, quick: false, sameThread: false, only: new Set(PARTS), cpuProf: false };
	for (const arg of argv) {
		if (arg === '--no-build') flags.build = false;
		else if (arg === '--quick') flags.quick = true;
		else if (arg === '--same-thread') flags.sameThread = true;
		else if (arg === '--cpu-prof') flags.cpuProf = true;
		else if (arg.startsWith('--only=')) {
			const parts = arg.slice('--only='.length).split(',');
			const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
			if (unknown.length > 0) throw new Error(`--only: unknown part ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
			flags.only = new Set(parts as Part[]);
		} else throw new Error(`unknown flag ${arg} (known: --no-build, --quick, --same-thread, --cpu-prof, --only=${PARTS.join(',')})`);
	}
	return flags;
}

// ---------------------------------------------------------------------------------------------
// The simulator, on a worker thread of this process
// ---------------------------------------------------------------------------------------------

/** What the benchmark needs of a simulator. */
interface Sim {
	url: string;
	admin: Credentials;
	/** IDs of seeded users (not the credential users), as many as asked for. */
	userIds: string[];
	authHeaders(): Record<string, string>;
	/** Connections clients opened through the network front so far (0 without one). */
	connections(): Promise<number>;
	/** Requests the simulator answered since the last call, by "METHOD path" (the log is then cleared). */
	takeRoutes(): Promise<Record<string, number>>;
	close(): Promise<void>;
}

interface SimStart {
	options: SimulatorOptions;
	userIds: number;
	/** https://example.com/… avatar URLs answer a small PNG (a function cannot cross to a worker or process). */
	exampleImages?: boolean;
	/** TLS and a round trip of `rttMs` in front (scripts/lib/benchNetwork.ts); certificates from BENCH_TLS_DIR. */
	front?: { rttMs: number };
}

interface SimInfo {
	url: string;
	admin: Credentials;
	userIds: string[];
}

type SimQuestion = 'connections' | 'routes' | 'close';

interface LocalSim {
	info: SimInfo;
	answer(question: SimQuestion): Promise<unknown>;
}

async function startLocal(start: SimStart): Promise<LocalSim> {
	const sim = await startSimulator({ ...start.options, ...(start.exampleImages ? { remoteUrls: exampleComImages } : {}) });
	const credentialUsers = new Set([sim.admin.userId, sim.plainUser.userId, sim.totpUser.userId]);
	const userIds: string[] = [];
	for (const user of sim.state.users) {
		if (userIds.length >= start.userIds) break;
		if (!credentialUsers.has(user._id)) userIds.push(user._id);
	}
	let front: NetworkFront | undefined;
	if (start.front) {
		const dir = process.env.BENCH_TLS_DIR;
		if (!dir) throw new Error('BENCH_TLS_DIR is not set: the benchmark makes its certificates before it re-executes itself');
		front = await startNetworkFront(Number(new URL(sim.url).port), start.front.rttMs, tlsFiles(dir));
	}
	const answer = async (question: SimQuestion): Promise<unknown> => {
		if (question === 'connections') return front?.connections() ?? 0;
		if (question === 'routes') {
			const routes: Record<string, number> = {};
			for (const request of sim.requests) routes[`${request.method} ${request.path}`] = (routes[`${request.method} ${request.path}`] ?? 0) + 1;
			sim.clearRequests();
			return routes;
		}
		await front?.close();
		await sim.close();
		return true;
	};
	return { info: { url: front?.url ?? sim.url, admin: sim.admin, userIds }, answer };
}

/** Simulator side of a worker thread or child process: start, report, answer questions until told to close. */
function serveSimulator(start: SimStart, channel: { send(message: unknown): void; on(listener: (message: unknown) => void): void; done(): void }): void {
	void startLocal(start).then((local) => {
		channel.on((message) => {
			const { id, question } = message as { id: number; question: SimQuestion };
			void local.answer(question).then((value) => {
				channel.send({ id, value });
				if (question === 'close') channel.done();
			});
		});
		channel.send({ info: local.info });
	});
}

/**
 * Where the simulator runs: on a worker thread (default: like a real server it does not take the client's thread,
 * and its data and garbage stay out of the measured heap), on the main thread (--same-thread), or in a child
 * process, so that the CPU this process uses is the client's alone (the CPU per execution figure).
 */
type SimHost = 'worker' | 'main' | 'process';

async function startSim(start: SimStart, host: SimHost): Promise<Sim> {
	let ask: (question: SimQuestion) => Promise<unknown>;
	let info: SimInfo;
	if (host === 'main') {
		const local = await startLocal(start);
		info = local.info;
		ask = local.answer;
	} else {
		const register = require.resolve('ts-node/register/transpile-only', { paths: [ROOT] });
		let send: (message: unknown) => void;
		const listeners: Array<(message: unknown) => void> = [];
		let ended: Promise<unknown>;
		if (host === 'worker') {
			const worker = new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(__filename)});`, {
				eval: true,
				workerData: { benchSimulator: start },
			});
			worker.on('message', (message) => listeners.forEach((listener) => listener(message)));
			worker.once('error', (error) => console.error('bench: simulator worker failed', error));
			send = (message) => worker.postMessage(message);
			ended = new Promise((resolve) => worker.once('exit', resolve));
		} else {
			const child = fork(__filename, [], {
				execArgv: ['-r', register],
				env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(start) },
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			child.on('message', (message) => listeners.forEach((listener) => listener(message)));
			send = (message) => child.send(message as never);
			ended = new Promise((resolve) => child.once('exit', resolve));
		}
		info = await new Promise<SimInfo>((resolve) => {
			listeners.push((message) => {
				const started = (message as { info?: SimInfo }).info;
				if (started) resolve(started);
			});
		});
		let nextId = 0;
		ask = (question) =>
			new Promise((resolve) => {
				const id = ++nextId;
				const listener = (message: unknown) => {
					if ((message as { id?: number }).id !== id) return;
					listeners.splice(listeners.indexOf(listener), 1);
					resolve((message as { value: unknown }).value);
				};
				listeners.push(listener);
				send({ id, question });
			});
		const close = ask;
		ask = async (question) => {
			if (question !== 'close') return await close(question);
			await close(question);
			return await ended;
		};
	}
	return {
		...info,
		authHeaders: () => ({ 'X-User-Id': info.admin.userId, 'X-Auth-Token': info.admin.authToken }),
		connections: async () => (await ask('connections')) as number,
		takeRoutes: async () => (await ask('routes')) as Record<string, number>,
		close: async () => void (await ask('close')),
	};
}

// ---------------------------------------------------------------------------------------------
// Setup: --expose-gc, build, n8n-nodes-base in .cache/bench
// ---------------------------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs this script again in a node with --expose-gc, trusting a private CA made for this run (simulator/tls.ts)
 * through NODE_EXTRA_CA_CERTS: only that process and its simulator trust it. Returns the exit code.
 */
function reexec(argv: string[], flags: Flags): number {
	const profile = flags.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(CACHE, 'profiles')] : [];
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-bench-tls-'));
	try {
		const certificates = makeTestCertificates({ names: ['127.0.0.1'] });
		const files = tlsFiles(dir);
		fs.writeFileSync(files.key, certificates.key, { mode: 0o600 });
		fs.writeFileSync(files.cert, certificates.cert);
		fs.writeFileSync(files.ca, certificates.ca);
		const child = spawnSync(
			process.execPath,
			['--expose-gc', ...profile, '-r', 'ts-node/register/transpile-only', __filename, ...argv],
			{ stdio: 'inherit', cwd: ROOT, env: { ...process.env, BENCH_REEXEC: '1', BENCH_TLS_DIR: dir, NODE_EXTRA_CA_CERTS: files.ca } },
		);
		return child.status ?? 1;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function build(flags: Flags): void {
	const built = fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'RocketChat', 'RocketChat.node.js'));
	if (!flags.build && built) return;
	console.error(flags.build ? '== npm run build' : '== dist/ is missing: npm run build');
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
}

function readJson(file: string): IDataObject {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as IDataObject;
}

/** n8n-nodes-base of the same release as the n8n-core devDependency, installed into .cache/bench once. */
function ensureNodesBase(): { version: string; dir: string } {
	const core = readJson(require.resolve('n8n-core/package.json', { paths: [ROOT] }));
	const version = String(core.version);
	const dir = path.join(CACHE, 'node_modules', 'n8n-nodes-base');
	const manifest = path.join(dir, 'package.json');
	if (!fs.existsSync(manifest) || readJson(manifest).version !== version) {
		console.error(`== installing n8n-nodes-base@${version} into .cache/bench (first use only)`);
		fs.mkdirSync(CACHE, { recursive: true });
		execFileSync(
			'npm',
			['install', '--prefix', CACHE, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `n8n-nodes-base@${version}`],
			{ cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] },
		);
	}
	const ignored = spawnSync('git', ['check-ignore', '-q', path.relative(ROOT, CACHE)], { cwd: ROOT }).status === 0;
	if (!ignored) console.error('!! .cache/bench is NOT git-ignored: add `.cache/` to .gitignore');
	return { version, dir };
}

/**
 * What any node pays inside n8n for the same work, and nothing more: per item one getNodeParameter
 * and one httpRequestWithAuthentication with the Rocket.Chat credential (its `authenticate` applied
 * by n8n), or the pages of users.list `concurrency` at a time. No validation, no retries, no pacing.
 */
class N8nFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'n8n Floor',
		name: 'n8nFloor',
		group: ['transform'],
		version: 1,
		description: 'Benchmark reference',
		defaults: { name: 'n8n Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'List', value: 'list' },
					{ name: 'Set Active Status', value: 'setActiveStatus' },
				],
				default: 'list',
			},
			{ displayName: 'User ID', name: 'userId', type: 'string', default: '' },
			{ displayName: 'Active', name: 'active', type: 'boolean', default: true },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(CREDENTIAL);
		const base = `${String(credentials.serverUrl)}/api/v1`;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const request = async (options: IDataObject) =>
			(await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, { json: true, ...options } as never)) as IDataObject;
		if (this.getNodeParameter('mode', 0) === 'list') {
			const page = async (offset: number) =>
				(await request({ url: `${base}/users.list`, qs: { offset, count: PAGE } })) as unknown as ListPage;
			const first = await page(0);
			const offsets: number[] = [];
			for (let offset = PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
			const rest = await mapWithConcurrency(offsets, concurrency, page);
			return [[first, ...rest].flatMap((body) => body.users.map((json) => ({ json, pairedItem: { item: 0 } })))];
		}
		const items = this.getInputData();
		const active = this.getNodeParameter('active', 0) as boolean;
		const output = await mapWithConcurrency(items, concurrency, async (_item, index) => {
			const userId = this.getNodeParameter('userId', index) as string;
			const body = await request({
				method: 'POST',
				url: `${base}/users.setActiveStatus`,
				body: { userId, activeStatus: active, confirmRelinquish: !active },
			});
			return { json: body.user as IDataObject, pairedItem: { item: index } };
		});
		return [output];
	}
}

/** The package's built node, n8n's HTTP Request node (its V3 class, used by versions 3 to 4.5) and the n8n floor. */
function loadNodeTypes(nodesBaseDir: string): EngineNodeTypes {
	const types = loadPackageNodeTypes(ROOT);
	types.addNode(FLOOR_NODE_TYPE, new N8nFloor());
	const { HttpRequestV3 } = require(path.join(nodesBaseDir, 'dist/nodes/HttpRequest/V3/HttpRequestV3.node.js')) as {
		HttpRequestV3: new (base: IDataObject) => INodeType;
	};
	types.addNode(
		HTTP_NODE_TYPE,
		new HttpRequestV3({
			displayName: 'HTTP Request',
			name: 'httpRequest',
			group: ['output'],
			description: 'Makes an HTTP request and returns the response data',
			defaultVersion: 4.5,
		}),
	);
	// The credential the HTTP Request workflow keeps the admin's token in (scripts/lib/httpOnboarding.cjs).
	const { HttpCustomAuth } = require(path.join(nodesBaseDir, 'dist/credentials/HttpCustomAuth.credentials.js')) as {
		HttpCustomAuth: new () => ICredentialType;
	};
	types.addCredential(HttpCustomAuth);
	return types;
}

// ---------------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------------

function singleNode(type: string, typeVersion: number, parameters: IDataObject, withCredential: boolean): EngineWorkflow {
	return {
		nodes: [
			{
				id: 'n',
				name: 'Node',
				type,
				typeVersion,
				position: [0, 0],
				parameters: parameters as INodeParameters,
				...(withCredential ? { credentials: { [CREDENTIAL]: { id: '1', name: 'Rocket.Chat' } } } : {}),
			},
		],
		connections: {},
	};
}

async function runNode(
	types: EngineNodeTypes,
	sim: Sim,
	workflow: EngineWorkflow,
	inputItems?: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const result = await runWorkflow(types, {
		workflow,
		credentials: { [CREDENTIAL]: credentialFor(sim) },
		inputItems,
	});
	if (result.status !== 'success') throw new Error(`workflow failed: ${String((result.error as Error)?.message ?? result.error)}`);
	return result.output('Node')[0];
}

const floorWorkflow = (parameters: IDataObject) => singleNode(FLOOR_NODE_TYPE, 1, parameters, true);

const returnAllWorkflow = (pageConcurrency?: number) =>
	singleNode(
		NODE_TYPE,
		1,
		{
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
			requestOptions: pageConcurrency === undefined ? {} : { pageConcurrency },
		},
		true,
	);

/** n8n's HTTP Request node walking users.list with offset/count, as a user would set it up. */
function httpNodeWorkflow(sim: Sim): EngineWorkflow {
	return singleNode(
		HTTP_NODE_TYPE,
		4.5,
		{
			method: 'GET',
			url: `${sim.url}/api/v1/users.list`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'count', value: String(PAGE) }] },
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'X-User-Id', value: sim.admin.userId },
					{ name: 'X-Auth-Token', value: sim.admin.authToken },
				],
			},
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${PAGE} }}` }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.offset + $response.body.count >= $response.body.total }}',
					},
				},
			},
		},
		false,
	);
}

const setActiveStatusWorkflow = (concurrency: number, active: boolean) =>
	singleNode(
		NODE_TYPE,
		1,
		{
			resource: 'user',
			operation: 'setActiveStatus',
			user: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			activeStatus: active,
			confirmRelinquish: true,
			requestOptions: { concurrency },
		},
		true,
	);

// ---------------------------------------------------------------------------------------------
// The floor: plain fetch
// ---------------------------------------------------------------------------------------------

interface ListPage {
	users: IDataObject[];
	total: number;
}

async function fetchUsersPage(sim: Sim, offset: number): Promise<ListPage> {
	const response = await fetch(`${sim.url}/api/v1/users.list?offset=${offset}&count=${PAGE}`, { headers: sim.authHeaders() });
	if (!response.ok) throw new Error(`users.list ${response.status}`);
	return (await response.json()) as ListPage;
}

/** Every user, first page first, the rest `concurrency` at a time, in the server's order. */
async function fetchAllUsers(sim: Sim, concurrency: number): Promise<IDataObject[]> {
	const first = await fetchUsersPage(sim, 0);
	const offsets: number[] = [];
	for (let offset = PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
	const pages: IDataObject[][] = [first.users];
	await mapWithConcurrency(offsets, concurrency, async (offset) => {
		pages[offset / PAGE] = (await fetchUsersPage(sim, offset)).users;
	});
	return pages.flat();
}

async function setActiveStatusByFetch(sim: Sim, ids: readonly string[], concurrency: number, active: boolean): Promise<void> {
	const headers = { ...sim.authHeaders(), 'content-type': 'application/json' };
	await mapWithConcurrency(ids, concurrency, async (userId) => {
		const response = await fetch(`${sim.url}/api/v1/users.setActiveStatus`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ userId, activeStatus: active, confirmRelinquish: !active }),
		});
		const body = (await response.json()) as IDataObject;
		if (body.success !== true) throw new Error(`users.setActiveStatus: ${JSON.stringify(body)}`);
	});
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

/** The median of repeated runs (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function collect(): void {
	gc?.();
	gc?.();
}

async function timed(task: () => Promise<unknown>): Promise<number> {
	collect();
	const start = performance.now();
	await task();
	return performance.now() - start;
}

/**
 * Runs every variant `repetitions` times, interleaved so that drift hits all alike; returns medians in ms. `focus`
 * runs some variants (the pair whose ratio is a target) more often, still interleaved, for a steadier median.
 */
async function compare(
	repetitions: number,
	variants: Record<string, () => Promise<unknown>>,
	focus?: { variants: string[]; repetitions: number },
): Promise<Record<string, number>> {
	const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
	for (let repetition = 0; repetition < repetitions; repetition++) {
		for (const [name, variant] of Object.entries(variants)) samples[name].push(await timed(variant));
	}
	for (let repetition = 0; repetition < (focus?.repetitions ?? 0); repetition++) {
		// Each variant goes first in every other round.
		const order = repetition % 2 === 0 ? focus!.variants : [...focus!.variants].reverse();
		for (const name of order) samples[name].push(await timed(variants[name]));
	}
	return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

function expectCount(what: string, actual: number, expected: number): void {
	if (actual !== expected) throw new Error(`${what}: got ${actual} items, expected ${expected}`);
}

/**
 * Peak of heapUsed above the collected heap before `task`, and what is still used after a collection
 * while the task's result is alive. The used heap only grows between collections, so its peak is the
 * largest size any collection started from (v8's GCProfiler records each one), or the size at the end;
 * the 2 ms samples only cover a runtime without GCProfiler. The result itself is dropped: only its
 * length is returned, so it is not part of the next measurement's baseline.
 */
async function peakHeap(task: () => Promise<unknown[]>): Promise<{ peak: number; retained: number; length: number }> {
	collect();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
	const timer = setInterval(sample, 2);
	let profiler = typeof v8.GCProfiler === 'function' ? new v8.GCProfiler() : undefined;
	profiler?.start();
	try {
		const result = await task();
		sample();
		const collections = profiler?.stop()?.statistics ?? [];
		profiler = undefined;
		for (const gc of collections) peak = Math.max(peak, gc.beforeGC.heapStatistics.usedHeapSize);
		collect();
		return { peak: peak - base, retained: process.memoryUsage().heapUsed - base, length: result.length };
	} finally {
		clearInterval(timer);
		profiler?.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

interface Row {
	scenario: string;
	variant: string;
	value: string;
	note?: string;
}

const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ratio = (value: number) => value.toFixed(2);
/** The package's figure against the n8n floor node's figure of the same run. */
const versusN8nFloor = (value: number, floor: number) =>
	`${ratio(value / floor)}× n8n floor node: ${value / floor <= MAX_OVER_N8N_FLOOR ? 'met' : 'MISSED'} (target ≤ ${MAX_OVER_N8N_FLOOR})`;

function printTable(rows: Row[]): void {
	const widths = [
		Math.max(...rows.map((row) => row.scenario.length), 8),
		Math.max(...rows.map((row) => row.variant.length), 7),
		Math.max(...rows.map((row) => row.value.length), 5),
	];
	const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
	console.log(line(['scenario', 'variant', 'value', 'note']));
	console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|-------|`);
	for (const row of rows) console.log(line([row.scenario, row.variant, row.value, row.note ?? '']));
}

// ---------------------------------------------------------------------------------------------
// Over TLS, a round trip away: what a real server costs every n8n node
// ---------------------------------------------------------------------------------------------

interface ScenarioContext {
	types: EngineNodeTypes;
	nodesBase: { version: string; dir: string };
	quick: boolean;
}

/** The round trip of the network scenario: a server in the same region. */
const NETWORK_RTT_MS = 20;

/** n8n's HTTP Request node sending users.setActiveStatus for every input item, as a user would set it up. */
function httpNodeWritesWorkflow(sim: Sim, active: boolean): EngineWorkflow {
	return singleNode(
		HTTP_NODE_TYPE,
		4.5,
		{
			method: 'POST',
			url: `${sim.url}/api/v1/users.setActiveStatus`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'X-User-Id', value: sim.admin.userId },
					{ name: 'X-Auth-Token', value: sim.admin.authToken },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ userId: $json.id, activeStatus: ${active}, confirmRelinquish: ${!active} }) }}`,
			options: {},
		},
		false,
	);
}

/**
 * Return All and bulk writes against the simulator behind TLS and a 20 ms round trip, for the node, the n8n floor
 * node, n8n's HTTP Request node and a keep-alive client (Node's fetch: one connection per slot, reused), each once,
 * one after another for each case. Every n8n node opens a connection (TCP and TLS handshakes) per request.
 */
async function networkScenario(context: ScenarioContext, rows: Row[], ratios: Record<string, number>): Promise<void> {
	const { types } = context;
	const size = context.quick ? { users: 2_000, writes: 100 } : { users: 20_000, writes: 1_000 };
	const sim = await startSim(
		{ options: { users: size.users - 3, seed: 4, requestLogLimit: 0 }, userIds: size.writes, front: { rttMs: NETWORK_RTT_MS } },
		'process',
	);
	try {
		const ids = sim.userIds;
		expectCount('network: users to write', ids.length, size.writes);
		const inputItems = ids.map((id) => ({ json: { id } }));
		let active = true;
		const flip = () => (active = !active);
		/** Wall time and connections opened by one run of `task`. */
		const measure = async (task: () => Promise<unknown>) => {
			const before = await sim.connections();
			const time = await timed(task);
			return { time, connections: (await sim.connections()) - before };
		};
		const listed = (what: string, expected = size.users) => (items: unknown[]) => expectCount(what, items.length, expected);
		const written = (what: string) => (items: unknown[]) => expectCount(what, items.length, ids.length);
		const pages = Math.ceil(size.users / PAGE);

		// Warm-up over TLS: the TLS code paths and the workflows' JIT, away from the first figure.
		await runNode(types, sim, returnAllWorkflow(8));
		await runNode(types, sim, floorWorkflow({ mode: 'list', concurrency: 8 }));

		type Variant = 'keepAlive' | 'n8nFloor' | 'node' | 'httpNode';
		const label: Record<Variant, string> = {
			keepAlive: 'keep-alive fetch (floor)',
			n8nFloor: 'n8n floor node',
			node: 'node',
			httpNode: `HTTP Request node ${context.nodesBase.version}`,
		};
		// Runs per case: the short ones with many requests in flight move most from run to run, and cost little to repeat.
		const cases: Array<{ scenario: string; key: string; runs: number; variants: Partial<Record<Variant, () => Promise<unknown>>>; httpNote?: string }> = [];
		for (const concurrency of [1, 8]) {
			cases.push({
				scenario: `TLS, ${NETWORK_RTT_MS} ms RTT: Return All ${size.users.toLocaleString('en')} users, ${concurrency === 1 ? 'one page at a time' : `Page Concurrency ${concurrency}`}`,
				key: `tlsReturnAll${concurrency}`,
				runs: context.quick || concurrency === 1 ? 1 : 5,
				variants: {
					keepAlive: async () => listed('keep-alive fetch')(await fetchAllUsers(sim, concurrency)),
					n8nFloor: async () => listed('n8n floor')(await runNode(types, sim, floorWorkflow({ mode: 'list', concurrency }))),
					node: async () => listed('node')(await runNode(types, sim, returnAllWorkflow(concurrency))),
					// Its pagination asks one page after the other.
					...(concurrency === 1 ? { httpNode: async () => listed('HTTP Request node', pages)(await runNode(types, sim, httpNodeWorkflow(sim))) } : {}),
				},
			});
		}
		for (const concurrency of [1, 8]) {
			cases.push({
				scenario: `TLS, ${NETWORK_RTT_MS} ms RTT: Set Active Status, ${size.writes.toLocaleString('en')} items, Concurrency ${concurrency}`,
				key: `tlsBulk${concurrency}`,
				runs: context.quick || concurrency === 1 ? 1 : 3,
				variants: {
					keepAlive: async () => await setActiveStatusByFetch(sim, ids, concurrency, flip()),
					n8nFloor: async () =>
						written('n8n floor')(
							await runNode(types, sim, floorWorkflow({ mode: 'setActiveStatus', userId: '={{ $json.id }}', active: flip(), concurrency }), inputItems),
						),
					node: async () => written('node')(await runNode(types, sim, setActiveStatusWorkflow(concurrency, flip()), inputItems)),
					// It has no concurrency setting: every item's request is in flight at once.
					...(concurrency === 8
						? { httpNode: async () => written('HTTP Request node')(await runNode(types, sim, httpNodeWritesWorkflow(sim, flip()), inputItems)) }
						: {}),
				},
				httpNote: 'all items in flight at once (it has no concurrency setting)',
			});
		}
		for (const { scenario: title, key, runs, variants, httpNote } of cases) {
			// Each variant's median time over the runs (in reversed order every other run), and the connections it opened per run.
			const samples: Partial<Record<Variant, Array<{ time: number; connections: number }>>> = {};
			const entries = Object.entries(variants) as Array<[Variant, () => Promise<unknown>]>;
			for (let run = 0; run < runs; run++) {
				for (const [variant, task] of run % 2 === 0 ? entries : [...entries].reverse()) (samples[variant] ??= []).push(await measure(task));
			}
			const results = Object.fromEntries(
				Object.entries(samples).map(([variant, list]) => [variant, { time: median(list.map((r) => r.time)), connections: list[0].connections }]),
			) as Partial<Record<Variant, { time: number; connections: number }>>;
			const scenario = runs > 1 ? `${title} (median of ${runs} runs)` : title;
			const keepAlive = results.keepAlive!;
			const floor = results.n8nFloor!;
			const node = results.node!;
			const opened = (result: { connections: number }) => `${result.connections.toLocaleString('en')} connections`;
			rows.push({ scenario, variant: label.keepAlive, value: ms(keepAlive.time), note: `${opened(keepAlive)} (floor)` });
			rows.push({ scenario: '', variant: label.n8nFloor, value: ms(floor.time), note: `${opened(floor)}; ${ratio(floor.time / keepAlive.time)}× keep-alive (reference)` });
			rows.push({
				scenario: '',
				variant: label.node,
				value: ms(node.time),
				note: `${opened(node)}; ${ratio(node.time / keepAlive.time)}× keep-alive; ${versusN8nFloor(node.time, floor.time)}`,
			});
			if (results.httpNode) {
				rows.push({
					scenario: '',
					variant: label.httpNode,
					value: ms(results.httpNode.time),
					note: `${opened(results.httpNode)}; ${ratio(results.httpNode.time / keepAlive.time)}× keep-alive${key.startsWith('tlsBulk') ? `; ${httpNote}` : ''}`,
				});
			}
			ratios[`${key}_node_vs_keepAlive`] = node.time / keepAlive.time;
			ratios[`${key}_node_vs_n8nFloor`] = node.time / floor.time;
		}
	} finally {
		await sim.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Worker CPU per execution: the onboarding flow against the same calls made by HTTP Request nodes
// ---------------------------------------------------------------------------------------------

interface Hire {
	name: string;
	email: string;
	username: string;
	avatarUrl: string;
}

let hireCount = 0;
function nextHire(): Hire {
	const username = `bench.hire.${++hireCount}`;
	return { name: `Bench Hire ${hireCount}`, email: `${username}@example.com`, username, avatarUrl: `https://example.com/photos/${username}.png` };
}

/** examples/onboarding.json as shipped, its New Hires list holding one hire. */
function onboardingWorkflow(template: EngineWorkflow, hire: Hire): EngineWorkflow {
	const workflow = JSON.parse(JSON.stringify(template)) as EngineWorkflow;
	const hires = workflow.nodes.find((node) => node.name === 'New Hires');
	if (!hires) throw new Error('examples/onboarding.json has no "New Hires" node');
	(hires.parameters as { assignments: { assignments: IDataObject[] } }).assignments.assignments[0].value = JSON.stringify([hire]);
	return workflow;
}

/** CPU time of this process (every thread: the engine, GC, libuv) in ms. */
function cpuMs(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
}

/**
 * CPU this process spends per onboarding execution, with the simulator in a child process (its CPU is not
 * counted) and no latency (so nothing but CPU separates the variants), against the same job done by HTTP Request
 * nodes: with the admin's token in n8n's Custom Auth credential (the equivalent: the node's workflow keeps its
 * token in a credential too) and, beside it, typed into the headers. Batches of the three variants run in every
 * order, so that drift hits all alike; the simulator's log gives the requests each variant made.
 *
 * The figure is all the CPU of a variant's batches over their executions, garbage collection included: a batch of
 * 100 executions (about a second) holds its own collections, and a variant that allocates more pays for them. The
 * median batch of shorter batches left out the batches where a collection fell, which favoured the variant that
 * allocates more, and moved by ±8% between runs.
 */
async function cpuScenario(context: ScenarioContext, rows: Row[], ratios: Record<string, number>): Promise<void> {
	const { types } = context;
	const rounds = context.quick ? 3 : 12;
	const batch = context.quick ? 5 : 100;
	const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'onboarding.json'), 'utf8')) as EngineWorkflow;
	const sim = await startSim({ options: { users: 50, seed: 5, requestLogLimit: 100_000 }, userIds: 0, exampleImages: true }, 'process');
	try {
		// The admin's password answers the 2FA challenge: users.create is 2FA-gated from 9.0 (simulator/versions.ts
		// createTwoFactorGated); once answered, the server remembers it for the token, for every variant alike.
		const server = { url: sim.url, userId: sim.admin.userId, authToken: sim.admin.authToken };
		const credentials = {
			[CREDENTIAL]: credentialFor(sim, sim.admin, { twoFactorMethod: 'password', password: sim.admin.password }),
			httpCustomAuth: customAuthData(server),
		};
		const headerCredential = { id: '2', name: 'Rocket.Chat headers (Custom Auth)' };
		const onboard = async (workflow: EngineWorkflow) => {
			const result = await runWorkflow(types, { workflow, credentials });
			if (result.status !== 'success') throw new Error(`onboarding failed: ${String((result.error as Error)?.message ?? result.error)}`);
			const welcomed = result.output(workflow.nodes.at(-1)!.name)[0] ?? [];
			if (welcomed.length !== 1) throw new Error(`onboarding: ${workflow.nodes.at(-1)!.name} gave ${welcomed.length} items, expected 1`);
		};
		/** Each variant's workflow for one new hire; built before a batch's CPU is counted, so only the execution is. */
		const variants = {
			node: () => onboardingWorkflow(template, nextHire()),
			httpNodes: () => httpOnboardingWorkflow(onboardingWorkflow(template, nextHire()), { ...server, headerCredential }),
			httpNodesTypedToken: () => httpOnboardingWorkflow(onboardingWorkflow(template, nextHire()), server),
		};
		type Variant = keyof typeof variants;
		const names = Object.keys(variants) as Variant[];
		// Warm-up: module loading and JIT would otherwise land on the variant measured first; the CPU per execution
		// still falls for about the first hundred executions of each.
		for (let index = 0; index < (context.quick ? 5 : 100); index++) for (const build of Object.values(variants)) await onboard(build());
		await sim.takeRoutes();
		/** The CPU of each batch, in ms. */
		const batches = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Variant, number[]>;
		const routes = Object.fromEntries(names.map((name) => [name, {} as Record<string, number>])) as Record<Variant, Record<string, number>>;
		// The six orders of the three variants in turn: each is first, second and third equally often.
		const [node, credential, typedToken] = names;
		const orders: Variant[][] = [
			[node, credential, typedToken],
			[typedToken, node, credential],
			[credential, typedToken, node],
			[typedToken, credential, node],
			[node, typedToken, credential],
			[credential, node, typedToken],
		];
		collect();
		for (let round = 0; round < rounds; round++) {
			for (const variant of orders[round % orders.length]) {
				const workflows = Array.from({ length: batch }, variants[variant]);
				const start = cpuMs();
				for (const workflow of workflows) await onboard(workflow);
				batches[variant].push(cpuMs() - start);
				for (const [route, count] of Object.entries(await sim.takeRoutes())) routes[variant][route] = (routes[variant][route] ?? 0) + count;
			}
		}
		const executions = rounds * batch;
		const calls = (variant: Variant) => Object.values(routes[variant]).reduce((sum, count) => sum + count, 0) / executions;
		const perExecution = (variant: Variant) => batches[variant].reduce((sum, ms) => sum + ms, 0) / executions;
		const perCall = (variant: Variant) => perExecution(variant) / calls(variant);
		const describeRoutes = (variant: Variant) =>
			Object.entries(routes[variant])
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([route, count]) => `${route} ×${count / executions}`)
				.join(', ');
		const different = names.filter((variant) => describeRoutes(variant) !== describeRoutes('node'));
		const versus = (variant: Variant) => `${ratio(perExecution('node') / perExecution(variant))}×`;
		rows.push(
			{
				scenario: `Onboarding, worker CPU (${executions} executions each, in ${rounds} batches)`,
				variant: 'HTTP Request nodes, token in a credential',
				value: `${perExecution('httpNodes').toFixed(1)} ms/execution`,
				note: `${calls('httpNodes').toFixed(1)} calls, ${perCall('httpNodes').toFixed(1)} ms/call (reference: the same job, the token kept as the node keeps it)`,
			},
			{
				scenario: '',
				variant: 'HTTP Request nodes, token typed in',
				value: `${perExecution('httpNodesTypedToken').toFixed(1)} ms/execution`,
				note: `${calls('httpNodesTypedToken').toFixed(1)} calls, ${perCall('httpNodesTypedToken').toFixed(1)} ms/call (reads no credential)`,
			},
			{
				scenario: '',
				variant: 'node (examples/onboarding.json)',
				value: `${perExecution('node').toFixed(1)} ms/execution`,
				note:
					`${calls('node').toFixed(1)} calls, ${perCall('node').toFixed(1)} ms/call; ` +
					`${versus('httpNodes')} per execution (target ≤ 1.00), ${ratio(perCall('node') / perCall('httpNodes'))}× per call; ` +
					`${versus('httpNodesTypedToken')} the typed-in token`,
			},
			{
				scenario: '',
				variant: 'requests reaching the simulator',
				value: different.length === 0 ? 'the same' : 'DIFFERENT',
				note: different.length === 0 ? describeRoutes('node') : names.map((variant) => `${variant}: ${describeRoutes(variant)}`).join('; '),
			},
		);
		ratios.cpuOnboarding_vs_httpRequestNodes = perExecution('node') / perExecution('httpNodes');
		ratios.cpuPerCall_vs_httpRequestNodes = perCall('node') / perCall('httpNodes');
		ratios.cpuOnboarding_vs_httpRequestNodesTypedToken = perExecution('node') / perExecution('httpNodesTypedToken');
	} finally {
		await sim.close();
	}
}

/**
 * CPU of this process for the same Return All and bulk writes, node against the n8n floor node: what the node adds
 * per page and per item, free of the wall-clock noise of a shared machine. No latency; runs alternate.
 */
async function overheadScenario(context: ScenarioContext, rows: Row[], ratios: Record<string, number>): Promise<void> {
	const { types } = context;
	const size = context.quick ? { users: 2_000, writes: 100, rounds: 2 } : { users: 20_000, writes: 1_000, rounds: 12 };
	const sim = await startSim({ options: { users: size.users - 3, seed: 6, requestLogLimit: 0 }, userIds: size.writes }, 'process');
	try {
		const inputItems = sim.userIds.map((id) => ({ json: { id } }));
		let active = true;
		const flip = () => (active = !active);
		const cases = {
			returnAll: {
				label: `Return All ${size.users.toLocaleString('en')} users, Page Concurrency ${DEFAULT_PAGE_CONCURRENCY}`,
				node: async () => expectCount('node', (await runNode(types, sim, returnAllWorkflow())).length, size.users),
				n8nFloor: async () =>
					expectCount('n8n floor', (await runNode(types, sim, floorWorkflow({ mode: 'list', concurrency: DEFAULT_PAGE_CONCURRENCY }))).length, size.users),
			},
			bulk: {
				label: `Set Active Status, ${size.writes.toLocaleString('en')} items, Concurrency ${BULK_CONCURRENCY}`,
				node: async () => expectCount('node', (await runNode(types, sim, setActiveStatusWorkflow(BULK_CONCURRENCY, flip()), inputItems)).length, size.writes),
				n8nFloor: async () =>
					expectCount(
						'n8n floor',
						(
							await runNode(
								types,
								sim,
								floorWorkflow({ mode: 'setActiveStatus', userId: '={{ $json.id }}', active: flip(), concurrency: BULK_CONCURRENCY }),
								inputItems,
							)
						).length,
						size.writes,
					),
			},
		};
		let first = true;
		for (const [key, { label, node, n8nFloor }] of Object.entries(cases)) {
			await node();
			await n8nFloor();
			const cpu = { node: 0, n8nFloor: 0 };
			for (let round = 0; round < size.rounds; round++) {
				const order = round % 2 === 0 ? (['node', 'n8nFloor'] as const) : (['n8nFloor', 'node'] as const);
				for (const variant of order) {
					collect();
					const start = cpuMs();
					await (variant === 'node' ? node() : n8nFloor());
					cpu[variant] += cpuMs() - start;
				}
			}
			const per = (value: number) => `${(value / size.rounds).toFixed(0)} ms CPU`;
			rows.push(
				{ scenario: first ? `CPU, no latency (${size.rounds} runs each): ${label}` : label, variant: 'n8n floor node', value: per(cpu.n8nFloor), note: 'reference' },
				{ scenario: '', variant: 'node', value: per(cpu.node), note: versusN8nFloor(cpu.node, cpu.n8nFloor) },
			);
			first = false;
			ratios[`cpu${key[0].toUpperCase()}${key.slice(1)}_vs_n8nFloor`] = cpu.node / cpu.n8nFloor;
		}
	} finally {
		await sim.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const flags = parseFlags(argv);
	if (process.env.BENCH_REEXEC !== '1') process.exit(reexec(argv, flags));

	build(flags);
	const nodesBase = ensureNodesBase();
	const types = loadNodeTypes(nodesBase.dir);

	const sizes = flags.quick
		? { listUsers: 2_000, bulkItems: 100, heapUsers: 10_000, repetitions: 1, sequentialRepetitions: 1, focusRepetitions: 0 }
		: { listUsers: 20_000, bulkItems: 1_000, heapUsers: 100_000, repetitions: 5, sequentialRepetitions: 3, focusRepetitions: 10 };
	const rows: Row[] = [];
	/** The ratios of the last line, in the order measured. */
	const ratios: Record<string, number> = {};
	const context: ScenarioContext = { types, nodesBase, quick: flags.quick };
	// The three credential users (admin, plain, TOTP) are part of every listing.
	const seeded = (total: number) => total - 3;
	const simulator = (options: SimulatorOptions, userIds = 0) =>
		startSim({ options: { requestLogLimit: 0, ...options }, userIds }, flags.sameThread ? 'main' : 'worker');

	// --- Return All --------------------------------------------------------------------------
	if (flags.only.has('list')) {
		const listSim = await simulator({ users: seeded(sizes.listUsers), seed: 1, latencyMs: 20 });
		const pages = Math.ceil(sizes.listUsers / PAGE);
		const http = httpNodeWorkflow(listSim);
		const listed = (what: string, expected = sizes.listUsers) => (items: unknown[]) => expectCount(what, items.length, expected);
		const list = {
			floorSeq: async () => listed('fetch, sequential')(await fetchAllUsers(listSim, 1)),
			floorConcurrent: async () => listed('fetch, concurrent')(await fetchAllUsers(listSim, DEFAULT_PAGE_CONCURRENCY)),
			n8nFloor: async () =>
				listed('n8n floor')(
					await runNode(types, listSim, floorWorkflow({ mode: 'list', concurrency: DEFAULT_PAGE_CONCURRENCY })),
				),
			nodePc1: async () => listed('node, Page Concurrency 1')(await runNode(types, listSim, returnAllWorkflow(1))),
			nodeDefault: async () => listed('node, default')(await runNode(types, listSim, returnAllWorkflow())),
			httpNode: async () => listed('HTTP Request node', pages)(await runNode(types, listSim, http)),
		};
		// Warm-up: module loading and JIT would otherwise land on the first variant measured.
		for (const variant of [list.nodeDefault, list.httpNode, list.floorConcurrent, list.n8nFloor]) await variant();
		// The target ratio (node against the n8n floor node, 1.6 s each) gets more runs than the slow variants.
		const listTimes = await compare(sizes.repetitions, list, { variants: ['n8nFloor', 'nodeDefault'], repetitions: sizes.focusRepetitions });
		await listSim.close();
		const returnAllVsHttpNode = listTimes.nodeDefault / listTimes.httpNode;
		ratios.returnAll_vs_n8nFloor = listTimes.nodeDefault / listTimes.n8nFloor;
		ratios.returnAll_vs_httpRequestNode = returnAllVsHttpNode;
		rows.push(
			{
				scenario: `Return All ${sizes.listUsers.toLocaleString('en')} users (${pages} pages, 20 ms)`,
				variant: 'fetch loop, sequential',
				value: ms(listTimes.floorSeq),
				note: 'floor',
			},
			{
				scenario: '',
				variant: `fetch loop, ${DEFAULT_PAGE_CONCURRENCY} at a time`,
				value: ms(listTimes.floorConcurrent),
				note: 'floor of the default',
			},
			{
				scenario: '',
				variant: `n8n floor node, ${DEFAULT_PAGE_CONCURRENCY} at a time`,
				value: ms(listTimes.n8nFloor),
				note: `${ratio(listTimes.n8nFloor / listTimes.floorConcurrent)}× floor (reference)`,
			},
			{
				scenario: '',
				variant: 'node, Page Concurrency 1',
				value: ms(listTimes.nodePc1),
				note: `${ratio(listTimes.nodePc1 / listTimes.floorSeq)}× sequential floor`,
			},
			{
				scenario: '',
				variant: `node, default (Page Concurrency ${DEFAULT_PAGE_CONCURRENCY})`,
				value: ms(listTimes.nodeDefault),
				note: `${ratio(listTimes.nodeDefault / listTimes.floorConcurrent)}× floor; ${versusN8nFloor(listTimes.nodeDefault, listTimes.n8nFloor)}`,
			},
			{
				scenario: '',
				variant: `HTTP Request node ${nodesBase.version}, pagination`,
				value: ms(listTimes.httpNode),
				note: `node takes ${ratio(returnAllVsHttpNode)}× its time`,
			},
		);
	}

	// --- Bulk writes -------------------------------------------------------------------------
	if (flags.only.has('bulk')) {
		const bulkSim = await simulator({ users: sizes.bulkItems + 50, seed: 2, latencyMs: 10 }, sizes.bulkItems);
		const ids = bulkSim.userIds;
		expectCount('bulk users', ids.length, sizes.bulkItems);
		const inputItems = ids.map((id) => ({ json: { id } }));
		// Every run flips the users, so that each request changes something on the server.
		let active = true;
		const flip = () => (active = !active);
		const written = (what: string) => (items: unknown[]) => expectCount(what, items.length, ids.length);
		const bulkNode = (concurrency: number) => async () =>
			written(`node, Concurrency ${concurrency}`)(
				await runNode(types, bulkSim, setActiveStatusWorkflow(concurrency, flip()), inputItems),
			);
		const bulkN8nFloor = (concurrency: number) => async () =>
			written(`n8n floor, ${concurrency}`)(
				await runNode(
					types,
					bulkSim,
					floorWorkflow({ mode: 'setActiveStatus', userId: '={{ $json.id }}', active: flip(), concurrency }),
					inputItems,
				),
			);
		const bulk = {
			floorSeq: async () => await setActiveStatusByFetch(bulkSim, ids, 1, flip()),
			n8nFloorC1: bulkN8nFloor(1),
			nodeC1: bulkNode(1),
			floorParallel: async () => await setActiveStatusByFetch(bulkSim, ids, BULK_CONCURRENCY, flip()),
			n8nFloorC8: bulkN8nFloor(BULK_CONCURRENCY),
			nodeC8: bulkNode(BULK_CONCURRENCY),
		};
		for (const variant of [bulk.nodeC8, bulk.floorParallel, bulk.n8nFloorC8]) await variant();
		// The sequential runs take 13-16 s each: three of each are enough for a steady median.
		const bulkSequential = await compare(sizes.sequentialRepetitions, {
			floorSeq: bulk.floorSeq,
			n8nFloorC1: bulk.n8nFloorC1,
			nodeC1: bulk.nodeC1,
		});
		const bulkParallel = await compare(sizes.repetitions, {
			floorParallel: bulk.floorParallel,
			n8nFloorC8: bulk.n8nFloorC8,
			nodeC8: bulk.nodeC8,
		}, { variants: ['n8nFloorC8', 'nodeC8'], repetitions: sizes.focusRepetitions });
		await bulkSim.close();
		ratios.bulk1_vs_n8nFloor = bulkSequential.nodeC1 / bulkSequential.n8nFloorC1;
		ratios.bulk8_vs_n8nFloor = bulkParallel.nodeC8 / bulkParallel.n8nFloorC8;
		const perItem = (time: number) => time / ids.length;
		const overhead = (time: number) => (time - bulkSequential.floorSeq) / ids.length;
		rows.push(
			{
				scenario: `Set Active Status, ${ids.length.toLocaleString('en')} items (10 ms)`,
				variant: 'fetch loop, sequential',
				value: ms(bulkSequential.floorSeq),
				note: `floor, ${perItem(bulkSequential.floorSeq).toFixed(2)} ms/item`,
			},
			{
				scenario: '',
				variant: 'n8n floor node, one at a time',
				value: ms(bulkSequential.n8nFloorC1),
				note: `+${overhead(bulkSequential.n8nFloorC1).toFixed(2)} ms/item (reference)`,
			},
			{
				scenario: '',
				variant: 'node, Concurrency 1',
				value: ms(bulkSequential.nodeC1),
				note: `+${overhead(bulkSequential.nodeC1).toFixed(2)} ms/item; ${versusN8nFloor(bulkSequential.nodeC1, bulkSequential.n8nFloorC1)}`,
			},
			{ scenario: '', variant: `fetch, ${BULK_CONCURRENCY} in parallel`, value: ms(bulkParallel.floorParallel), note: 'floor' },
			{
				scenario: '',
				variant: `n8n floor node, ${BULK_CONCURRENCY} in parallel`,
				value: ms(bulkParallel.n8nFloorC8),
				note: `${ratio(bulkParallel.n8nFloorC8 / bulkParallel.floorParallel)}× floor (reference)`,
			},
			{
				scenario: '',
				variant: `node, Concurrency ${BULK_CONCURRENCY}`,
				value: ms(bulkParallel.nodeC8),
				note: `${ratio(bulkParallel.nodeC8 / bulkParallel.floorParallel)}× floor; ${versusN8nFloor(bulkParallel.nodeC8, bulkParallel.n8nFloorC8)}`,
			},
		);
	}

	// --- Heap ----------------------------------------------------------------------------------
	if (flags.only.has('heap')) {
		const heapSim = await simulator({ users: seeded(sizes.heapUsers), seed: 3 });
		let payload = 0;
		for (let offset = 0; offset < sizes.heapUsers; offset += PAGE) {
			const response = await fetch(`${heapSim.url}/api/v1/users.list?offset=${offset}&count=${PAGE}`, { headers: heapSim.authHeaders() });
			payload += (await response.arrayBuffer()).byteLength;
		}
		const heapOf = async (what: string, task: () => Promise<unknown[]>) => {
			const measured = await peakHeap(task);
			expectCount(what, measured.length, sizes.heapUsers);
			return measured;
		};
		const floorHeap = await heapOf('heap: fetch', async () => await fetchAllUsers(heapSim, DEFAULT_PAGE_CONCURRENCY));
		const n8nFloorHeap = await heapOf(
			'heap: n8n floor',
			async () => await runNode(types, heapSim, floorWorkflow({ mode: 'list', concurrency: DEFAULT_PAGE_CONCURRENCY })),
		);
		const nodeHeap = await heapOf('heap: node', async () => await runNode(types, heapSim, returnAllWorkflow()));
		await heapSim.close();
		ratios.heap_vs_n8nFloor = nodeHeap.peak / n8nFloorHeap.peak;
		rows.push(
			{
				scenario: `Return All ${sizes.heapUsers.toLocaleString('en')} users, heap`,
				variant: 'JSON payload of all pages',
				value: mb(payload),
			},
			{
				scenario: '',
				variant: 'fetch loop, parsed users kept',
				value: `${mb(floorHeap.peak)} peak`,
				note: `${ratio(floorHeap.peak / payload)}× payload; ${mb(floorHeap.retained)} retained (reference)`,
			},
			{
				scenario: '',
				variant: 'n8n floor node, output items',
				value: `${mb(n8nFloorHeap.peak)} peak`,
				note: `${ratio(n8nFloorHeap.peak / payload)}× payload; ${mb(n8nFloorHeap.retained)} retained (reference)`,
			},
			{
				scenario: '',
				variant: 'node, default, output items',
				value: `${mb(nodeHeap.peak)} peak`,
				note: `${ratio(nodeHeap.peak / payload)}× payload; ${versusN8nFloor(nodeHeap.peak, n8nFloorHeap.peak)}; ${mb(nodeHeap.retained)} retained`,
			},
		);
	}

	// --- Over TLS, 20 ms away ---------------------------------------------------------------
	if (flags.only.has('network')) await networkScenario(context, rows, ratios);

	// --- Worker CPU per execution ------------------------------------------------------------
	if (flags.only.has('cpu')) {
		await cpuScenario(context, rows, ratios);
		await overheadScenario(context, rows, ratios);
	}

	const cpu = os.cpus();
	console.log(
		`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
			`node ${process.version}, ${os.platform()} ${os.arch()}; n8n-core ${nodesBase.version}; ` +
			`simulator on ${flags.sameThread ? 'the main thread' : 'a worker thread'} (network, cpu: a child process)${gc ? '; --expose-gc' : ''}` +
			`${flags.quick ? '; --quick' : ''}; times: median of ${sizes.repetitions} runs (node and n8n floor node, Return All and Concurrency 8: ${sizes.repetitions + sizes.focusRepetitions}; sequential bulk: ${sizes.sequentialRepetitions}; network: ${flags.quick ? 'one run each' : 'one run each, 5 and 3 with 8 in flight'})`,
	);
	printTable(rows);
	console.log(
		`bench: ${Object.entries(ratios)
			.map(([name, value]) => `${name}=${ratio(value)}`)
			.join(' ')} target_vs_n8nFloor=${MAX_OVER_N8N_FLOOR}`,
	);
}

if (isMainThread && process.env.BENCH_SIMULATOR) {
	serveSimulator(JSON.parse(process.env.BENCH_SIMULATOR) as SimStart, {
		send: (message) => process.send!(message as never),
		on: (listener) => process.on('message', listener),
		done: () => process.disconnect(),
	});
} else if (isMainThread) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
} else if ((workerData as { benchSimulator?: SimStart } | null)?.benchSimulator) {
	const port = parentPort!;
	serveSimulator((workerData as { benchSimulator: SimStart }).benchSimulator, {
		send: (message) => port.postMessage(message),
		on: (listener) => port.on('message', listener),
		done: () => port.close(),
	});
}
