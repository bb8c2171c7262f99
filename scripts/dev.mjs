#!/usr/bin/env node
// npm run dev — the package inside the real n8n app, for trying it by hand.
//
// Installs n8n 2.41.1 + Node 24 into .cache/n8n-app on first use (~5 min; reused afterwards), builds and packs
// the package and installs it as a community package of a persistent dev instance (.cache/n8n-dev: your
// workflows survive restarts), starts the Rocket.Chat simulator and n8n on 127.0.0.1, creates the owner and a
// ready "Rocket.Chat simulator" credential, imports examples/*.json, and prints the editor URL and login.
// Ctrl-C stops everything it started. Re-run it after changing the node: n8n does not hot-reload community
// packages, so the package is rebuilt, re-staged and n8n restarted.
//
//   npm run dev -- [--n8n 2.41.1] [--port 5678] [--sim-port 3000] [--seed 1] [--users 200] [--fresh] [--no-build] [--no-examples]
//     --n8n 1.123.81 the last 1.x (on Node 22) instead of 2.41.1; each version has its own dev user folder
//                    (n8n cannot open a database that a newer version has migrated)
//     --fresh        start from an empty n8n user folder (new owner, no saved workflows)
//     --sim-port 0   any free port (the credential is updated on every start anyway)
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	CREDENTIAL_TYPE,
	N8nRest,
	NODE_TYPE,
	buildPackage,
	installExitHandlers,
	n8nCli,
	n8nEnv,
	prepareWorkflow,
	readJson,
	simCredentialData,
	stagePackage,
	startN8n,
	startSimulatorInProcess,
	stopAll,
} from './lib/harness.mjs';
import { CACHE, N8N_VERSION, ROOT, ensureN8nApp, log } from './lib/n8n-app.mjs';

const argv = process.argv.slice(2);
function opt(name, dflt) {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return dflt;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
}
const has = (name) => argv.includes(`--${name}`);

const OWNER = { email: 'admin@example.com', firstName: 'Dev', lastName: 'Owner', password: 'Rocket-Chat-dev-1' };
const CREDENTIAL_NAME = 'Rocket.Chat simulator';
const VERSION = opt('n8n', N8N_VERSION);
const USER_FOLDER = path.join(CACHE, '..', VERSION === N8N_VERSION ? 'n8n-dev' : `n8n-dev-${VERSION}`);

async function importExamples(app, env, credential, editorUrl) {
	const dir = path.join(ROOT, 'examples');
	if (!existsSync(dir)) return [];
	const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	if (!files.length) return [];
	const importDir = path.join(USER_FOLDER, 'import');
	rmSync(importDir, { recursive: true, force: true });
	mkdirSync(importDir, { recursive: true });
	const names = [];
	for (const f of files) {
		const wf = readJson(path.join(dir, f));
		// Fixed ids derived from the file name: re-importing replaces the previous copy instead of adding one.
		const id = `rcex${f.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`.padEnd(16, '0').slice(0, 16);
		writeFileSync(path.join(importDir, `${id}.json`), JSON.stringify(prepareWorkflow(wf, { id, credential, addManualTrigger: false }), null, 2));
		names.push(`${wf.name}: ${editorUrl}/workflow/${id}`);
	}
	const r = await n8nCli(env, ['import:workflow', '--separate', `--input=${importDir}`], { app });
	if (r.code !== 0) log(`importing examples failed (exit ${r.code}):\n${(r.stdout + r.stderr).slice(-2000)}`);
	return r.code === 0 ? names : [];
}
async function main() {
	installExitHandlers();
	const app = await ensureN8nApp(VERSION);
	if (app.installed) log('n8n installed; later runs reuse .cache/n8n-app');
	if (!has('no-build')) await buildPackage();

	if (has('fresh')) rmSync(USER_FOLDER, { recursive: true, force: true });
	mkdirSync(USER_FOLDER, { recursive: true });
	await stagePackage(USER_FOLDER);

	const simPort = Number(opt('sim-port', 3000));
	const sim = await startSimulatorInProcess({ port: simPort, seed: Number(opt('seed', 1)), users: Number(opt('users', 200)) });
	log(`Rocket.Chat simulator at ${sim.url} (${sim.state.users.length} users, ${sim.state.sessions.length} sessions)`);

	const port = Number(opt('port', 5678));
	// A fixed key: the dev user folder keeps encrypted credentials across runs.
	const env = n8nEnv({ app, userFolder: USER_FOLDER, port, encryptionKey: 'n8n-nodes-rocketchat-dev-not-secret' });
	const logFile = path.join(USER_FOLDER, 'n8n.log');
	const { url, child } = await startN8n({ app, baseEnv: env, logFile, echo: has('verbose') });

	const rest = new N8nRest(url);
	await rest.ownerSetupOrLogin(OWNER);
	const credential = await rest.upsertCredential({ name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });
	const test = await rest.testCredential({ id: credential.id, name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data: simCredentialData(sim) });
	const types = await rest.request('GET', '/types/nodes.json');
	if (!types.some((t) => t.name === NODE_TYPE)) throw new Error(`n8n did not load ${NODE_TYPE}; see ${logFile}`);
	const examples = has('no-examples') ? [] : await importExamples(app, env, credential, url);

	const line = '─'.repeat(72);
	console.log(`
${line}
 n8n ${app.version} (Node ${app.nodeVersion}) with n8n-nodes-rocketchat (node type ${NODE_TYPE})
   Editor:      ${url}
   Login:       ${OWNER.email} / ${OWNER.password}
   Credential:  "${CREDENTIAL_NAME}" (${CREDENTIAL_TYPE}, id ${credential.id}) → ${sim.url}, test: ${test?.status} ${test?.message ?? ''}
 Rocket.Chat simulator: ${sim.url}
   admin        userId ${sim.admin.userId}  authToken ${sim.admin.authToken}  password ${sim.admin.password}
   plain.user   userId ${sim.plainUser.userId}  authToken ${sim.plainUser.authToken}
 Examples imported: ${examples.length ? `\n   ${examples.join('\n   ')}` : 'none'}
 n8n log: ${path.relative(ROOT, logFile)}   (--verbose prints it here)
 Ctrl-C stops n8n and the simulator.
${line}`);

	await new Promise((resolve) => child.once('exit', resolve));
	log(`n8n exited (${child.exitCode ?? child.signalCode}); stopping`);
	await stopAll();
	process.exit(child.exitCode ?? 1);
}

main().catch(async (e) => {
	console.error(e.stack ?? e.message);
	await stopAll();
	process.exit(1);
});
