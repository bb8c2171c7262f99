/**
 * npm run bench [-- --no-build] [-- --quick]
 *
 * Measures the built node (dist/) in n8n-core's WorkflowExecute against the in-process Rocket.Chat
 * simulator with injected latency, next to what cannot be beaten (a plain `fetch` loop, "the floor")
 * and n8n's own HTTP Request node paginating the same endpoint. Prints a table and, last, one line:
 *   bench: returnAll_vs_floor=<x> returnAll_vs_httpRequestNode=<x> bulk_vs_floor=<x> heap_vs_payload=<x>
 * Every ratio is <measured> / <reference> from this run: lower is better.
 *
 * The simulator runs in this process, on a worker thread: like a real server it does not take the
 * client's thread, and its data and garbage stay out of the heap that is measured.
 * A minimal "n8n floor" node (getNodeParameter + httpRequestWithAuthentication per request, nothing
 * else) shows what any node pays inside n8n, apart from what this node adds.
 *
 * n8n-nodes-base is not a dependency: on first use it is installed into .cache/bench/ (git-ignored),
 * with --ignore-scripts (its native modules do not build on Node 20 and are not needed here).
 * The process re-executes itself with --expose-gc, so heap samples start from a collected heap.
 *
 * --no-build     skip `npm run build` when dist/ exists
 * --quick        smaller sizes, one repetition: a smoke run
 * --same-thread  run the simulator on the main thread instead (to see what sharing the thread costs)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { startSimulator, type Credentials, type SimulatorOptions } from '../simulator/server';
import { loadPackageNodeTypes, runWorkflow, type EngineNodeTypes, type EngineWorkflow } from '../test/support/engine';
import { mapWithConcurrency } from '../nodes/RocketChat/transport/concurrency';
import { credentialFor } from '../test/support/simCredential';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'bench');
const NODE_TYPE = 'n8n-nodes-rocketchat.rocketChat';
const HTTP_NODE_TYPE = 'n8n-nodes-base.httpRequest';
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

interface Flags {
	build: boolean;
	quick: boolean;
	sameThread: boolean;
}

function parseFlags(argv: string[]): Flags {
	const flags: Flags = { build: true, quick: false, sameThread: false };
	for (const arg of argv) {
		if (arg === '--no-build') flags.build = false;
		else if (arg === '--quick') flags.quick = true;
		else if (arg === '--same-thread') flags.sameThread = true;
		else throw new Error(`unknown flag ${arg} (known: --no-build, --quick, --same-thread)`);
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
	close(): Promise<void>;
}

interface SimStart {
	options: SimulatorOptions;
	userIds: number;
}

interface SimInfo {
	url: string;
	admin: Credentials;
	userIds: string[];
}

async function startLocal(start: SimStart): Promise<{ info: SimInfo; close: () => Promise<void> }> {
	const sim = await startSimulator(start.options);
	const credentialUsers = new Set([sim.admin.userId, sim.plainUser.userId, sim.totpUser.userId]);
	const userIds: string[] = [];
	for (const user of sim.state.users) {
		if (userIds.length >= start.userIds) break;
		if (!credentialUsers.has(user._id)) userIds.push(user._id);
	}
	return { info: { url: sim.url, admin: sim.admin, userIds }, close: () => sim.close() };
}

/** Worker side: start the simulator, report, close when told. */
function serveSimulator(start: SimStart): void {
	const port = parentPort!;
	void startLocal(start).then(({ info, close }) => {
		port.once('message', () => void close().then(() => port.close()));
		port.postMessage(info);
	});
}

async function startSim(start: SimStart, sameThread: boolean): Promise<Sim> {
	const handle = (info: SimInfo, close: () => Promise<void>): Sim => ({
		...info,
		authHeaders: () => ({ 'X-User-Id': info.admin.userId, 'X-Auth-Token': info.admin.authToken }),
		close,
	});
	if (sameThread) {
		const local = await startLocal(start);
		return handle(local.info, local.close);
	}
	const register = require.resolve('ts-node/register/transpile-only', { paths: [ROOT] });
	const worker = new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(__filename)});`, {
		eval: true,
		workerData: { benchSimulator: start },
	});
	const info = await new Promise<SimInfo>((resolve, reject) => {
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	return handle(info, async () => {
		const exited = new Promise((resolve) => worker.once('exit', resolve));
		worker.postMessage('close');
		await exited;
	});
}

// ---------------------------------------------------------------------------------------------
// Setup: --expose-gc, build, n8n-nodes-base in .cache/bench
// ---------------------------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs this script again in a node with --expose-gc; returns its exit code. */
function reexecWithGc(argv: string[]): number {
	const child = spawnSync(
		process.execPath,
		['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, ...argv],
		{ stdio: 'inherit', cwd: ROOT, env: { ...process.env, BENCH_REEXEC: '1' } },
	);
	return child.status ?? 1;
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Runs every variant `repetitions` times, interleaved so that drift hits all alike; returns medians in ms. */
async function compare(repetitions: number, variants: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
	const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
	for (let repetition = 0; repetition < repetitions; repetition++) {
		for (const [name, variant] of Object.entries(variants)) samples[name].push(await timed(variant));
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
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const flags = parseFlags(argv);
	if (!gc && process.env.BENCH_REEXEC !== '1') process.exit(reexecWithGc(argv));

	build(flags);
	const nodesBase = ensureNodesBase();
	const types = loadNodeTypes(nodesBase.dir);

	const sizes = flags.quick
		? { listUsers: 2_000, bulkItems: 100, heapUsers: 10_000, repetitions: 1, sequentialRepetitions: 1 }
		: { listUsers: 20_000, bulkItems: 1_000, heapUsers: 100_000, repetitions: 5, sequentialRepetitions: 3 };
	const rows: Row[] = [];
	// The three credential users (admin, plain, TOTP) are part of every listing.
	const seeded = (total: number) => total - 3;
	const simulator = (options: SimulatorOptions, userIds = 0) =>
		startSim({ options: { requestLogLimit: 0, ...options }, userIds }, flags.sameThread);

	// --- Return All --------------------------------------------------------------------------
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
	const listTimes = await compare(sizes.repetitions, list);
	await listSim.close();
	const returnAllVsFloor = listTimes.nodeDefault / listTimes.n8nFloor;
	const returnAllVsHttpNode = listTimes.nodeDefault / listTimes.httpNode;
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

	// --- Bulk writes -------------------------------------------------------------------------
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
	});
	await bulkSim.close();
	const bulk1VsFloor = bulkSequential.nodeC1 / bulkSequential.n8nFloorC1;
	const bulk8VsFloor = bulkParallel.nodeC8 / bulkParallel.n8nFloorC8;
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

	// --- Heap ----------------------------------------------------------------------------------
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
	const heapVsFloor = nodeHeap.peak / n8nFloorHeap.peak;
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

	const cpu = os.cpus();
	console.log(
		`machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
			`node ${process.version}, ${os.platform()} ${os.arch()}; n8n-core ${nodesBase.version}; ` +
			`simulator on ${flags.sameThread ? 'the main thread' : 'a worker thread'}${gc ? '; --expose-gc' : ''}` +
			`${flags.quick ? '; --quick' : ''}; times: median of ${sizes.repetitions} runs (sequential bulk: ${sizes.sequentialRepetitions})`,
	);
	printTable(rows);
	console.log(
		`bench: returnAll_vs_n8nFloor=${ratio(returnAllVsFloor)} bulk1_vs_n8nFloor=${ratio(bulk1VsFloor)} ` +
			`bulk8_vs_n8nFloor=${ratio(bulk8VsFloor)} heap_vs_n8nFloor=${ratio(heapVsFloor)} ` +
			`returnAll_vs_httpRequestNode=${ratio(returnAllVsHttpNode)} target_vs_n8nFloor=${MAX_OVER_N8N_FLOOR}`,
	);
}

if (isMainThread) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
} else if ((workerData as { benchSimulator?: SimStart } | null)?.benchSimulator) {
	serveSimulator((workerData as { benchSimulator: SimStart }).benchSimulator);
}
