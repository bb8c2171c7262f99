#!/usr/bin/env node
// npm run check:scan — package-readiness check, the way n8n's verification gate sees the package.
//
// 1. Builds the package (skip with --no-build or SKIP_BUILD=1, e.g. when .ci/run has just built it).
// 2. Runs the analyzer of @n8n/scan-community-package (scanner/scanner.mjs) exactly as
//    `analyzePackageByName` does, but on this folder instead of a downloaded tarball + provenance checkout:
//      a. "source leg": analyzePackage(<repo>, SOURCE_FILE_PATTERNS)  (package.json + nodes/credentials sources)
//      b. "tarball leg": analyzePackage(<extracted npm pack>, ['**/*.js', 'package.json'])
//    analyzePackage only fails on ESLint *errors*; this script additionally lints the same files with the
//    same config (buildScanConfig(), inline config disabled, no config file) and fails on warnings too.
//    The provenance / GitHub-source / registry steps of the real CLI need the public internet and a
//    published version, so they are not run here.
// 3. Checks the `npm pack` file list: only package.json, README*, LICENSE*, dist/credentials/** and
//    dist/nodes/**; every file named in package.json's "n8n" section and every `file:` icon is in it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ROOT, log } from './lib/n8n-app.mjs';

const SCANNER_PKG = '@n8n/scan-community-package';
const args = new Set(process.argv.slice(2));
const skipBuild = args.has('--no-build') || process.env.SKIP_BUILD === '1';
const failures = [];
const fail = (msg) => {
	failures.push(msg);
	console.error(`FAIL: ${msg}`);
};

function resolveScanner() {
	// Resolved from the project's node_modules (devDependency). SCAN_PACKAGE_FROM=<dir> lets you point at
	// another folder whose node_modules holds the package (used while the devDependency was not yet added).
	const base = process.env.SCAN_PACKAGE_FROM ? path.resolve(process.env.SCAN_PACKAGE_FROM) : ROOT;
	const req = createRequire(path.join(base, 'package.json'));
	let pkgJson;
	try {
		pkgJson = req.resolve(`${SCANNER_PKG}/package.json`);
	} catch {
		throw new Error(`${SCANNER_PKG} is not installed: add it to devDependencies and run npm ci`);
	}
	const dir = path.dirname(pkgJson);
	const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
	// The scanner's own dependencies (eslint, fast-glob, tmp) resolved the way scanner.mjs resolves them.
	const scanReq = createRequire(path.join(dir, 'scanner', 'scanner.mjs'));
	return { dir, version, scanReq, scannerUrl: pathToFileURL(path.join(dir, 'scanner', 'scanner.mjs')).href };
}

async function lintStrict(scanner, scan, dir, patterns) {
	const { ESLint } = await import(pathToFileURL(scanner.scanReq.resolve('eslint')).href);
	const glob = scanner.scanReq('fast-glob');
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scan.buildScanConfig() });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const details = errors + warnings ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files: files.length, errors, warnings, details };
}

function checkPackList(files, pkg) {
	const allowed = (f) =>
		f === 'package.json' || /^README(\.md)?$/i.test(f) || /^LICEN[CS]E(\.md|\.txt)?$/i.test(f) || f.startsWith('dist/credentials/') || f.startsWith('dist/nodes/');
	const unexpected = files.filter((f) => !allowed(f));
	if (unexpected.length) fail(`npm pack would publish unexpected files:\n  ${unexpected.join('\n  ')}`);
	for (const must of ['package.json', 'README.md', 'LICENSE']) if (!files.includes(must)) fail(`npm pack is missing ${must}`);
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	if (!declared.length) fail('package.json has no n8n.nodes / n8n.credentials');
	for (const f of declared) if (!files.includes(f)) fail(`package.json n8n section names ${f}, which is not in the package`);
	if (files.some((f) => /\.(ts)$/.test(f) && !f.endsWith('.d.ts'))) fail('TypeScript sources in the package');
	return declared;
}

/** Every `file:` icon referenced by the built node/credential descriptions must be in the tarball. */
function checkIcons(extracted, declared) {
	// n8n-workflow is a peer dependency (n8n provides it): link the repo's copy next to the extracted package.
	mkdirSync(path.join(extracted, 'node_modules'), { recursive: true });
	symlinkSync(path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('n8n-workflow/package.json')), path.join(extracted, 'node_modules', 'n8n-workflow'));
	const req = createRequire(path.join(extracted, 'package.json'));
	const seen = new Set();
	for (const rel of declared) {
		const abs = path.join(extracted, rel);
		if (!existsSync(abs)) continue; // already reported by checkPackList
		const mod = req(abs);
		for (const Cls of Object.values(mod)) {
			if (typeof Cls !== 'function') continue;
			const inst = new Cls();
			const desc = inst.description ?? inst.nodeVersions?.[inst.currentVersion]?.description ?? inst;
			const icons = [desc.icon, inst.icon].flatMap((i) => (i == null ? [] : typeof i === 'string' ? [i] : Object.values(i)));
			for (const icon of icons) {
				if (typeof icon !== 'string' || !icon.startsWith('file:')) continue;
				const file = path.resolve(path.dirname(abs), icon.slice(5));
				seen.add(file);
				if (!existsSync(file)) fail(`${rel}: icon ${icon} is not in the package`);
			}
		}
	}
	return seen.size;
}

async function main() {
	const t0 = Date.now();
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const scanner = resolveScanner();
	log(`${SCANNER_PKG}@${scanner.version}`);
	if (!skipBuild) {
		log('npm run build');
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	}
	if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run npm run build');

	// Importing scanner.mjs creates a tmp dir (tmp.dirSync, unsafeCleanup) that tmp only removes on exit when
	// graceful cleanup is on — turn it on through the same `tmp` instance the scanner uses.
	scanner.scanReq('tmp').setGracefulCleanup();
	const scan = await import(scanner.scannerUrl);

	const work = mkdtempSync(path.join(os.tmpdir(), 'rc-scan-'));
	try {
		// --- npm pack: file list + the tarball to scan ---------------------------------------------------
		const packJson = execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
		const [packed] = JSON.parse(packJson.slice(packJson.indexOf('[')));
		const files = packed.files.map((f) => f.path).sort();
		log(`npm pack: ${packed.filename}, ${files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`);
		const declared = checkPackList(files, pkg);
		const extracted = path.join(work, 'package');
		execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
		const icons = checkIcons(extracted, declared);
		log(`n8n section: ${declared.length} files present; ${icons} file: icons present`);

		// --- the scanner's two legs ------------------------------------------------------------------------
		const legs = [
			{ name: 'source (repo: package.json + nodes/credentials sources)', dir: ROOT, patterns: scan.SOURCE_FILE_PATTERNS },
			{ name: 'tarball (npm pack output: **/*.js + package.json)', dir: extracted, patterns: ['**/*.js', 'package.json'] },
		];
		for (const leg of legs) {
			const verdict = await scan.analyzePackage(leg.dir, leg.patterns);
			const strict = await lintStrict(scanner, scan, leg.dir, leg.patterns);
			log(`scan ${leg.name}: analyzePackage ${verdict.passed ? 'passed' : 'FAILED'}; ${strict.files} files, ${strict.errors} errors, ${strict.warnings} warnings`);
			if (!verdict.passed) fail(`scanner (${leg.name}): ${verdict.message}\n${verdict.details ?? ''}`);
			else if (strict.errors || strict.warnings) fail(`scanner rules (${leg.name}) report findings:\n${strict.details}`);
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	if (failures.length) {
		console.error(`\ncheck:scan: ${failures.length} problem(s)`);
		process.exit(1);
	}
	console.log('check:scan: package is ready (scanner: no findings; pack contents OK)');
}

main().catch((e) => {
	console.error(e.stack ?? e);
	process.exit(1);
});
