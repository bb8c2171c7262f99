// Shared plumbing of `npm run dev` and `npm run test:e2e`: child processes that are always stopped,
// the in-process Rocket.Chat simulator, staging this package as an n8n community package, booting n8n
// and talking to its REST API.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import { ROOT, appEnv, appPaths, log, run } from './n8n-app.mjs';

export { log };

export const PACKAGE_NAME = 'n8n-nodes-rocketchat';
export const NODE_TYPE = `${PACKAGE_NAME}.rocketChat`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.rocketChatTrigger`;
export const CREDENTIAL_TYPE = 'rocketChatWorkspaceApi';

// ---------------------------------------------------------------------------------------------------
// Child processes: every process is started in its own process group (detached) so that stopping it
// also stops what it started (n8n forks a JavaScript task-runner child). All are stopped on normal exit,
// on an uncaught error and on Ctrl-C / SIGTERM.
// ---------------------------------------------------------------------------------------------------
const children = new Set();
const cleanups = [];
let stopping;

export function onCleanup(fn) {
	cleanups.push(fn);
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Stops every process started through `startProcess` (SIGTERM, then SIGKILL after `graceMs`) and runs the cleanups. */
export function stopAll({ graceMs = 8000 } = {}) {
	stopping ??= (async () => {
		await Promise.all(
			[...children].map(
				(c) =>
					new Promise((resolve) => {
						if (c.exitCode !== null || c.signalCode !== null) return resolve();
						const t = setTimeout(() => {
							killGroup(c, 'SIGKILL');
							resolve();
						}, graceMs);
						c.once('exit', () => {
							clearTimeout(t);
							// The group may still hold grandchildren (task runner): make sure they go too.
							killGroup(c, 'SIGKILL');
							resolve();
						});
						killGroup(c, 'SIGTERM');
					}),
			),
		);
		for (const fn of cleanups.splice(0).reverse()) {
			try {
				await fn();
			} catch (e) {
				console.error('cleanup failed:', e.message);
			}
		}
	})();
	return stopping;
}

let handlersInstalled = false;
export function installExitHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	// Last resort on a synchronous exit: no time for a graceful stop.
	process.on('exit', () => {
		for (const c of children) if (c.exitCode === null && c.signalCode === null) killGroup(c, 'SIGKILL');
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, () => {
			log(`${sig}: stopping everything that was started`);
			void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
		});
	}
}

/**
 * Starts a long-running process. Output goes to `logFile` (and to the console with a prefix when `echo`).
 * `uid`/`gid` run it as another user. Returns the ChildProcess plus `output()` (everything printed so far) and `waitForOutput(re, ms)`.
 */
export function startProcess(name, cmd, args, { cwd = ROOT, env = process.env, logFile, echo = false, uid, gid } = {}) {
	installExitHandlers();
	// uid/gid: e.g. Postgres, which refuses to run as root.
	const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'], uid, gid });
	children.add(child);
	child.on('exit', () => children.delete(child));
	let buffer = '';
	const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
	const onData = (d) => {
		const s = d.toString();
		buffer += s;
		if (buffer.length > 2_000_000) buffer = buffer.slice(-1_000_000);
		file?.write(s);
		if (echo) for (const line of s.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.output = () => buffer;
	child.waitForOutput = (re, ms) =>
		new Promise((resolve, reject) => {
			const started = Date.now();
			const tick = () => {
				const m = re.exec(buffer);
				if (m) return resolve(m);
				if (child.exitCode !== null) return reject(new Error(`${name} exited (${child.exitCode}) before printing ${re}`));
				if (Date.now() - started > ms) return reject(new Error(`${name}: no ${re} within ${ms} ms`));
				setTimeout(tick, 200);
			};
			tick();
		});
	return child;
}

export async function freePort() {
	return await new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export async function portIsFree(port) {
	return await new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

// ---------------------------------------------------------------------------------------------------
// Simulator: loaded in-process through ts-node (a devDependency), so the e2e test can read `sim.state`.
// ---------------------------------------------------------------------------------------------------
export async function startSimulatorInProcess(options) {
	const req = createRequire(path.join(ROOT, 'package.json'));
	req('ts-node').register({ transpileOnly: true, project: path.join(ROOT, 'simulator', 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
	const { startSimulator, exampleComImages } = req(path.join(ROOT, 'simulator', 'server.ts'));
	// The workflows' photo URLs (https://example.com/…) must download: the simulator has no network of its own.
	const sim = await startSimulator({ host: '127.0.0.1', remoteUrls: exampleComImages, ...options });
	onCleanup(() => sim.close());
	return sim;
}

// ---------------------------------------------------------------------------------------------------
// The package as n8n sees it.
// ---------------------------------------------------------------------------------------------------
export async function buildPackage() {
	log('npm run build');
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
}

/**
 * Installs the package the way n8n's community-package loader finds it (n8n 2.41: CommunityPackagesModule
 * scans `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-*` and `@*\/n8n-nodes-*`, then loads every
 * file named in package.json's "n8n" section). The node types get the package name as prefix, i.e. the
 * real `n8n-nodes-rocketchat.rocketChat` — unlike N8N_CUSTOM_EXTENSIONS, which loads them as `CUSTOM.*`.
 *
 * What is installed is the `npm pack` tarball, i.e. exactly the files that would be published. Its only
 * import, the peer dependency n8n-workflow, is not installed: n8n puts its own node_modules on NODE_PATH
 * (LoadNodesAndCredentials.init), so the package uses n8n's copy — as on a real instance. A symlink to the
 * repo would instead pick up the repo's devDependency copy of n8n-workflow (a second instance).
 * No row in n8n's installed_packages table is needed for loading; the Settings > Community nodes page
 * lists only packages installed through the UI, so it does not show this one.
 */
export async function stagePackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(path.dirname(target), { recursive: true });
	const packDir = path.join(userFolder, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, quiet: true });
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', path.join(packDir, packed.filename), '-C', target, '--strip-components=1'], { quiet: true });
	rmSync(packDir, { recursive: true, force: true });
	// n8n would write this itself (CommunityPackagesService.ensurePackageJson); written here for clarity.
	const pj = path.join(nodesDir, 'package.json');
	if (!existsSync(pj)) writeFileSync(pj, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	log(`staged ${packed.filename} (${packed.files.length} files) into ${path.relative(ROOT, target)}`);
	return target;
}

// ---------------------------------------------------------------------------------------------------
// n8n
// ---------------------------------------------------------------------------------------------------
/**
 * Environment for every n8n process (server and CLI commands) of one user folder.
 * Pitfalls:
 * - the task broker listens on N8N_RUNNERS_BROKER_PORT (default 5679) in *every* process that may run
 *   nodes, `n8n execute` included: a second process on the same port dies with EADDRINUSE, so each process
 *   gets its own free port (see n8nProcessEnv). Measured: "n8n Task Broker's port 5679 is already in use", exit 1.
 * - N8N_SECURE_COOKIE=false: the editor is served over plain http on 127.0.0.1.
 * - N8N_ENCRYPTION_KEY is fixed per user folder so that CLI commands can decrypt what the server stored.
 * - Outbound calls n8n would make to its own cloud services are switched off (no network here).
 * - `app` (appPaths() of one version, default the newest) picks the Node on PATH and the 2.x-only settings:
 *   n8n 1.x exits on an unknown module name ('Unknown module "mcp-registry"').
 */
export function n8nEnv({ app = appPaths(), userFolder, port, encryptionKey, extra = {} }) {
	return appEnv(app, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// The list of n8n-verified community packages is fetched from api(-staging).n8n.io: not reachable here.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// 2.x: mcp-registry refreshes a server list from api.n8n.io at boot (ENOTFOUND + stack traces here).
		...(app.major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		GENERIC_TIMEZONE: 'UTC',
		// Keep the npm-installed Node's own config out of n8n's way.
		NODE_OPTIONS: '',
		...extra,
	});
}

async function n8nProcessEnv(base) {
	return { ...base, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
}

export async function startN8n({ app = appPaths(), baseEnv, logFile, echo = false, timeoutMs = 180_000 }) {
	const port = Number(baseEnv.N8N_PORT);
	if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use`);
	const t0 = Date.now();
	const child = startProcess('n8n', app.node, [app.n8n, 'start'], { env: await n8nProcessEnv(baseEnv), logFile, echo });
	const url = `http://127.0.0.1:${port}`;
	// /healthz answers before the ~265 sqlite migrations are done: wait for /healthz/readiness. On 1.x the
	// readiness check is 200 before the REST routes are mounted: also wait for GET /rest/settings.
	let readyPath = '/healthz/readiness';
	while (true) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}:\n${child.output().slice(-4000)}`);
		if (Date.now() - t0 > timeoutMs) throw new Error(`n8n not ready after ${timeoutMs} ms:\n${child.output().slice(-4000)}`);
		try {
			const r = await fetch(`${url}${readyPath}`);
			if (r.status === 200 && readyPath === '/rest/settings') break;
			if (r.status === 200) readyPath = '/rest/settings';
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	log(`n8n ready at ${url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return { child, url };
}

/**
 * Runs an n8n CLI command (import:workflow, execute, ...) against the same user folder. Resolves (never
 * rejects) with { code, stdout, stderr, ms }. The process runs in its own group like the server, so a
 * timeout or Ctrl-C also ends the task runner it forks.
 */
export async function n8nCli(baseEnv, args, { app = appPaths(), timeoutMs = 180_000 } = {}) {
	const env = await n8nProcessEnv(baseEnv);
	installExitHandlers();
	const t0 = Date.now();
	const child = spawn(app.node, [app.n8n, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const timer = setTimeout(() => {
		stderr += `\n[e2e] killed after ${timeoutMs} ms`;
		killGroup(child, 'SIGKILL');
	}, timeoutMs);
	const code = await new Promise((resolve) => {
		child.on('error', (e) => {
			stderr += String(e);
			resolve(-1);
		});
		child.on('close', (c, sig) => resolve(c ?? sig));
	});
	clearTimeout(timer);
	killGroup(child, 'SIGKILL'); // leftovers of the group, if any
	children.delete(child);
	return { code, stdout, stderr, ms: Date.now() - t0 };
}

/**
 * Parses the output of `n8n execute --rawOutput`: a few log lines, then pretty-printed IRun JSON.
 * Note: N8N_LOG_LEVEL=error would hide the JSON too (it is printed through the logger).
 * On failure the command exits 1 and the JSON comes after "Execution error:" / "====" lines.
 */
export function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		// Find the matching closing line of the pretty-printed object.
		for (let j = lines.length - 1; j > i; j--) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				/* try a shorter slice */
			}
		}
	}
	return undefined;
}

/** A tiny cookie-keeping client for n8n's internal REST API (/rest/*), the same one the editor uses. */
export class N8nRest {
	constructor(url) {
		this.url = url;
		this.cookie = '';
	}

	async request(method, p, body) {
		const r = await fetch(`${this.url}${p}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = r.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) if (c.startsWith('n8n-auth=')) this.cookie = c.split(';')[0];
		const text = await r.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!r.ok) {
			const e = new Error(`${method} ${p} -> ${r.status}: ${text.slice(0, 500)}`);
			e.status = r.status;
			throw e;
		}
		return json?.data ?? json;
	}

	/** Creates the owner on a fresh instance, or logs in when it already has one. */
	async ownerSetupOrLogin(owner) {
		const settings = await this.request('GET', '/rest/settings');
		if (settings?.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/rest/owner/setup', owner);
			log(`owner ${owner.email} created`);
		} else {
			await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		}
	}

	/** Creates the credential, or updates the one with the same name (dev reuses its user folder). */
	async upsertCredential({ name, type, data }) {
		const existing = (await this.request('GET', '/rest/credentials')).find((c) => c.name === name && c.type === type);
		if (existing) {
			await this.request('PATCH', `/rest/credentials/${existing.id}`, { name, type, data });
			return { id: existing.id, name };
		}
		const created = await this.request('POST', '/rest/credentials', { name, type, data });
		return { id: created.id, name };
	}

	/**
	 * What the credential modal's test does: POST /rest/credentials/test. With the id of a stored credential
	 * the given data is merged over the stored data. n8n 2.x also tests unsaved data (id ''), 1.x answers that
	 * with 403: merging over a stored id works on both.
	 */
	async testCredential({ id, name, type, data }) {
		return await this.request('POST', '/rest/credentials/test', { credentials: { id, name, type, data } });
	}
}

export function simCredentialData(sim) {
	// 'password' answers Rocket.Chat's 2FA challenge (Update user, sessions of all users, ...) with the
	// admin's password, so 2FA-protected operations work unattended against the simulator.
	return {
		serverUrl: sim.url,
		userId: sim.admin.userId,
		authToken: sim.admin.authToken,
		twoFactorMethod: 'password',
		password: sim.admin.password,
	};
}

/**
 * Prepares one workflow JSON for import: a fixed id, every Rocket.Chat credential reference pointing at
 * `credential`, not active. `n8n execute` only starts at a Manual Trigger (or Execute Workflow Trigger):
 * STARTING_NODES in n8n 2.41's constants. A workflow that starts with e.g. a Schedule Trigger gets a
 * Manual Trigger wired to the same nodes (with `addManualTrigger`).
 */
export function prepareWorkflow(wf, { id, credential, addManualTrigger = true }) {
	const out = structuredClone(wf);
	out.id = id;
	out.active = false;
	delete out.shared;
	delete out.versionId;
	for (const node of out.nodes ?? []) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		else if (node.type === NODE_TYPE || node.type === TRIGGER_TYPE) node.credentials = { ...(node.credentials ?? {}), [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	}
	const starts = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.executeWorkflowTrigger'];
	if (addManualTrigger && !out.nodes.some((n) => starts.includes(n.type))) {
		const trigger = out.nodes.find((n) => /trigger/i.test(n.type) && n.type !== TRIGGER_TYPE) ?? out.nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`workflow "${wf.name}" has no trigger to replace with a Manual Trigger`);
		const standIn = trigger.type === TRIGGER_TYPE;
		if (standIn) standInForPollingTrigger(trigger);
		const name = 'Run from e2e (Manual Trigger)';
		out.nodes.push({
			id: 'e2e-manual-trigger',
			name,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [trigger.position[0], trigger.position[1] - 200],
			parameters: {},
		});
		// The stand-in keeps its own connections and runs after the Manual Trigger; a replaced trigger's
		// successors are wired to the Manual Trigger directly.
		const start = standIn ? { main: [[{ node: trigger.name, type: 'main', index: 0 }]] } : structuredClone(out.connections?.[trigger.name] ?? { main: [[]] });
		out.connections = { ...out.connections, [name]: start };
	}
	return out;
}

/**
 * `n8n execute` does not poll: outside manual mode n8n passes a polling trigger's input through, so a
 * workflow that starts with the Rocket.Chat Trigger would get no items. For the CLI run the trigger is
 * turned, in place and under the same name (so `$('New User')` still resolves), into the node operation
 * that reads what its event emits: the newest user (the trigger's own output with Simplify) or the newest
 * session. The trigger itself is tested through the engine in test/trigger/.
 */
function standInForPollingTrigger(node) {
	const p = node.parameters ?? {};
	node.type = NODE_TYPE;
	node.typeVersion = 1;
	node.parameters =
		(p.event ?? 'newUser') === 'newUser'
			? { resource: 'user', operation: 'getAll', returnAll: false, limit: 1, simplify: p.simplify ?? false, options: { sort: '{"createdAt": -1}' } }
			: { resource: 'deviceManagement', operation: p.sessionOptions?.ownSessionsOnly ? 'getManyOwn' : 'getAll', returnAll: false, limit: 1 };
	node.notes = 'e2e: stands in for the Rocket.Chat Trigger (n8n execute does not poll)';
}

/** Imports a workflow through n8n's REST API, its Rocket.Chat nodes on `credential`, and activates it; returns its id. */
export async function importAndActivate(rest, wf, credential) {
	const { id: _id, ...prepared } = prepareWorkflow(wf, { id: 'unused', credential, addManualTrigger: false });
	const created = await rest.request('POST', '/rest/workflows', prepared);
	await rest.request('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
	return created.id;
}

/**
 * Polls a production path (webhook, MCP endpoint) until it stops answering 404: activation returns before n8n has
 * registered it. Resolves with the milliseconds waited.
 */
export async function waitUntilServed(url, init, timeoutMs = 30_000) {
	const started = Date.now();
	for (;;) {
		const response = await fetch(url, init).catch(() => undefined);
		if (response && response.status !== 404) {
			await response.body?.cancel().catch(() => {});
			return Date.now() - started;
		}
		if (Date.now() - started > timeoutMs) throw new Error(`${url} still answers 404 after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

export function readJson(file) {
	return JSON.parse(readFileSync(file, 'utf8'));
}
