/**
 * A private CA trusted the way the README says: NODE_EXTRA_CA_CERTS on the n8n process. Node reads it only at
 * process start, so the node runs in a child process (test/support/runNodeChild.ts) with the variable set.
 * Only then is the certificate's name checked, so a certificate for another name is tested here too.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type Simulator } from '../../simulator/server';
import { makeTestCertificates } from '../../simulator/tls';
import { startFront, type FrontServer } from '../support/frontServer';
import { PACKAGE_ROOT } from '../support/nodeRun';
import { credentialFor } from '../support/simCredential';

const run = promisify(execFile);
const TS_NODE = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'ts-node');

let sim: Simulator;
let folder: string;
const fronts: FrontServer[] = [];

beforeAll(async () => {
	sim = await startSimulator({ users: 3, seed: 232 });
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-ca-'));
});
afterAll(async () => {
	await Promise.all(fronts.map(async (front) => await front.close()));
	await sim.close();
	fs.rmSync(folder, { recursive: true, force: true });
});

interface ChildOutcome {
	status: string;
	json?: IDataObject[];
	error?: { message: string; description: string; httpCode: string };
}

/** Get User of the admin in a child n8n-core process that trusts `caFile` (or nothing). */
async function getAdminInChild(serverUrl: string, caFile?: string): Promise<ChildOutcome> {
	const env: NodeJS.ProcessEnv = { ...process.env, RUN_NODE_INPUT: JSON.stringify({ credential: credentialFor(sim, sim.admin, { serverUrl }), userId: sim.admin.userId }) };
	delete env.NODE_EXTRA_CA_CERTS;
	if (caFile) env.NODE_EXTRA_CA_CERTS = caFile;
	const { stdout } = await run(TS_NODE, ['--transpile-only', 'test/support/runNodeChild.ts'], { cwd: PACKAGE_ROOT, env, timeout: 120_000 });
	return JSON.parse(stdout) as ChildOutcome;
}

test('a private CA: refused as unknown, accepted once NODE_EXTRA_CA_CERTS names it; another name is then named', async () => {
	const certificates = makeTestCertificates();
	// A second CA signs a certificate for another name; the file holds both (NODE_EXTRA_CA_CERTS takes several).
	const forOtherName = makeTestCertificates({ names: ['chat.internal.example'] });
	const caFile = path.join(folder, 'internal-ca.pem');
	fs.writeFileSync(caFile, `${certificates.ca}${forOtherName.ca}`);
	const server = await startFront({ target: sim.url, tls: certificates });
	fronts.push(server);

	const untrusted = await getAdminInChild(server.url);
	expect(untrusted.status).toBe('error');
	expect(untrusted.error?.httpCode).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
	expect(untrusted.error?.description).toMatch(/NODE_EXTRA_CA_CERTS/);

	const trusted = await getAdminInChild(server.url, caFile);
	expect(trusted.status).toBe('success');
	expect(trusted.json?.[0]).toMatchObject({ _id: sim.admin.userId });

	// A trusted chain, a certificate for another name.
	const otherName = await startFront({ target: sim.url, tls: forOtherName });
	fronts.push(otherName);
	const mismatch = await getAdminInChild(otherName.url, caFile);
	expect(mismatch.status).toBe('error');
	expect(mismatch.error?.httpCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
	expect(mismatch.error?.message).toBe(
		`The certificate of 127.0.0.1:${otherName.port} was refused: the server presents a certificate issued for another name (ERR_TLS_CERT_ALTNAME_INVALID)`,
	);
	expect(mismatch.error?.description).toMatch(/^The certificate is issued for chat\.internal\.example\. Use a name/);
	expect(mismatch.error?.description).toMatch(/reissue the certificate for "127\.0\.0\.1"/);
}, 240_000);
