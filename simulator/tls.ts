/**
 * Test certificates made at run time with the machine's `openssl` (Debian ships it): a private CA and a
 * server certificate it signed, or a self-signed one. Used by tests and benchmarks that put the simulator
 * behind TLS; nothing here is trusted outside the process (or child) that is handed the CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificates {
	/** PEM of the server's private key. */
	key: string;
	/** PEM of the server certificate. */
	cert: string;
	/** PEM of the CA that signed it (equal to `cert` when self-signed). */
	ca: string;
}

export interface CertificateOptions {
	/** Names the certificate is valid for; IPs become IP SANs (default 127.0.0.1 and localhost). */
	names?: string[];
	/** true: the server certificate signs itself (no CA); default false: a private CA signs it. */
	selfSigned?: boolean;
	/** Validity in days (default 2). */
	days?: number;
	/** Common name of the server certificate (default the first name). */
	commonName?: string;
	/** A CA-signed server certificate whose validity ended in the past (2020-01-01 to 2020-01-02). */
	expired?: boolean;
}

function subjectAltNames(names: string[]): string {
	return names.map((name) => (/^[\d.]+$/.test(name) || name.includes(':') ? `IP:${name}` : `DNS:${name}`)).join(',');
}

/** Makes a key pair and certificate(s) in a temporary folder, reads them and removes the folder. */
export function makeTestCertificates(options: CertificateOptions = {}): TestCertificates {
	const names = options.names ?? ['127.0.0.1', 'localhost'];
	const days = String(options.days ?? 2);
	const commonName = options.commonName ?? names[0];
	const dir = mkdtempSync(path.join(tmpdir(), 'rc-tls-'));
	const file = (name: string) => path.join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		writeFileSync(file('san.cnf'), `subjectAltName=${subjectAltNames(names)}\nbasicConstraints=CA:FALSE\n`);
		const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
		if (options.selfSigned) {
			openssl('req', '-x509', ...keyArgs, '-keyout', 'server.key', '-out', 'server.crt', '-days', days,
				'-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${subjectAltNames(names)}`);
			const cert = readFileSync(file('server.crt'), 'utf8');
			return { key: readFileSync(file('server.key'), 'utf8'), cert, ca: cert };
		}
		openssl('req', '-x509', ...keyArgs, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', days,
			'-subj', '/CN=n8n-nodes-rocketchat test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
			'-addext', 'keyUsage=critical,keyCertSign,cRLSign');
		openssl('req', '-new', ...keyArgs, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${commonName}`);
		if (options.expired) {
			// OpenSSL 3.0's x509 cannot date a certificate in the past; `openssl ca` can (-startdate/-enddate).
			writeFileSync(file('index.txt'), '');
			writeFileSync(file('serial'), '01\n');
			writeFileSync(file('ca.cnf'), [
				'[ca]', 'default_ca = test', '[test]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial',
				'default_md = sha256', 'policy = any', 'x509_extensions = server', '[any]', 'commonName = supplied',
				'[server]', `subjectAltName = ${subjectAltNames(names)}`, 'basicConstraints = CA:FALSE', '',
			].join('\n'));
			openssl('ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'server.csr',
				'-out', 'server.crt', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z');
		} else {
			openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
				'-out', 'server.crt', '-days', days, '-extfile', 'san.cnf');
		}
		return {
			key: readFileSync(file('server.key'), 'utf8'),
			cert: readFileSync(file('server.crt'), 'utf8'),
			ca: readFileSync(file('ca.crt'), 'utf8'),
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
