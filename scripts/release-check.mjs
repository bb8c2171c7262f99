#!/usr/bin/env node
// npm run release:check — fails on anything n8n's community-node verification (or npm provenance) would
// reject, and names each problem:
//   - metadata: name (n8n-nodes-* / @scope/n8n-nodes-*), semver version, the n8n-community-node-package
//     keyword, repository/homepage/bugs/author present, consistent with each other (one GitHub repository)
//     and not placeholders; repository.url must be the repository the package is built from (the git remote
//     `origin`, or GITHUB_REPOSITORY in Actions): npm provenance rejects a mismatch;
//   - `files` only under dist/, covering every file of the "n8n" section;
//   - no runtime dependencies (dependencies, optional, bundled), n8n-workflow only as a peer;
//   - licence: an SPDX id matching LICENSE, whose copyright holder is no placeholder;
//   - CHANGELOG.md has a section for the version;
//   - the tarball (`npm pack --dry-run`): only package.json, README, LICENSE, CHANGELOG and dist/{nodes,credentials};
//   - n8n's community-package scanner clean (scripts/scan.mjs; skip with --no-scan).
// Options: --dir=<folder> (default: this repository; used by the tests), --no-build (passed to the scanner),
//          --no-scan.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './lib/n8n-app.mjs';

const argv = process.argv.slice(2);
const dir = path.resolve(argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? ROOT);
const problems = [];
const problem = (field, text) => problems.push(`${field}: ${text}`);

/** Values the package was scaffolded with before a public repository existed, and generic stand-ins. */
const PLACEHOLDERS = [
	/github\.com\/n8n-nodes-rocketchat\/n8n-nodes-rocketchat/i,
	/n8n-nodes-rocketchat developers/i,
	/maintainers@n8n-nodes-rocketchat\.dev/i,
	/example\.(com|org|net)/i,
	/your[-_ ]?(name|org|user|email)/i,
	/\b(TODO|TBD|FIXME|placeholder)\b/i,
	/<[^>]+>/,
];
const isPlaceholder = (value) => PLACEHOLDERS.some((re) => re.test(String(value)));

/** `git+https://github.com/o/r.git`, `git@github.com:o/r.git`, `https://github.com/o/r` -> `o/r` (lower case). */
function githubSlug(url) {
	const m = /github\.com[/:]([^/\s]+)\/([^/\s#?]+?)(?:\.git)?(?:[/#?].*)?$/i.exec(String(url ?? ''));
	return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

function builtFromRepository() {
	if (process.env.GITHUB_REPOSITORY) return { slug: process.env.GITHUB_REPOSITORY.toLowerCase(), from: 'GITHUB_REPOSITORY' };
	const r = spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: dir, encoding: 'utf8' });
	return r.status === 0 ? { slug: githubSlug(r.stdout.trim()), from: `git remote origin (${r.stdout.trim()})` } : undefined;
}

const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));

// --- metadata ---------------------------------------------------------------------------------------
if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(pkg.name ?? '')) problem('name', `${JSON.stringify(pkg.name)} must be n8n-nodes-* or @scope/n8n-nodes-*`);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pkg.version ?? '')) problem('version', `${JSON.stringify(pkg.version)} is not a semver version`);
if (!pkg.keywords?.includes('n8n-community-node-package')) problem('keywords', 'must include "n8n-community-node-package"');
if (!pkg.description || isPlaceholder(pkg.description)) problem('description', 'missing or a placeholder');

const repoUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
const repoSlug = githubSlug(repoUrl);
if (!repoUrl) problem('repository.url', 'missing');
else if (!repoSlug) problem('repository.url', `${repoUrl} is not a GitHub repository (provenance is built by GitHub Actions)`);
else if (isPlaceholder(repoUrl)) problem('repository.url', `${repoUrl} is a placeholder: set the public GitHub repository`);
const built = builtFromRepository();
if (repoSlug && !built?.slug) problem('repository.url', `cannot confirm ${repoUrl}: no git remote "origin" and no GITHUB_REPOSITORY (the repository must exist and be the one that publishes)`);
else if (repoSlug && built.slug !== repoSlug) problem('repository.url', `${repoUrl} is not the repository this is built from (${built.from}); npm provenance would reject it`);

const webUrl = repoSlug ? `https://github.com/${repoSlug}` : undefined;
if (!pkg.homepage) problem('homepage', 'missing');
else if (isPlaceholder(pkg.homepage)) problem('homepage', `${pkg.homepage} is a placeholder`);
else if (webUrl && !pkg.homepage.toLowerCase().startsWith(webUrl)) problem('homepage', `${pkg.homepage} is not in ${webUrl}`);

const bugsUrl = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
if (!bugsUrl) problem('bugs.url', `missing${webUrl ? ` (${webUrl}/issues)` : ''}`);
else if (isPlaceholder(bugsUrl)) problem('bugs.url', `${bugsUrl} is a placeholder`);
else if (webUrl && bugsUrl.toLowerCase().replace(/\/$/, '') !== `${webUrl}/issues`) problem('bugs.url', `${bugsUrl} should be ${webUrl}/issues`);

const author = typeof pkg.author === 'string' ? { name: pkg.author } : (pkg.author ?? {});
if (!author.name) problem('author.name', 'missing');
else if (isPlaceholder(author.name)) problem('author.name', `${JSON.stringify(author.name)} is a placeholder`);
if (!author.email && !author.url) problem('author', 'needs an email or a url');
if (author.email && (isPlaceholder(author.email) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(author.email))) problem('author.email', `${author.email} is a placeholder or not an e-mail address`);
if (author.url && isPlaceholder(author.url)) problem('author.url', `${author.url} is a placeholder`);

// --- files, dependencies, licence, changelog ---------------------------------------------------------
const files = pkg.files ?? [];
if (!files.length) problem('files', 'missing: without it npm publishes the whole folder');
for (const f of files) if (!/^dist\//.test(f)) problem('files', `${f} is outside dist/`);
const n8nFiles = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
if (!pkg.n8n?.nodes?.length) problem('n8n.nodes', 'missing');
if (pkg.n8n?.n8nNodesApiVersion !== 1) problem('n8n.n8nNodesApiVersion', 'must be 1');
for (const f of n8nFiles) if (!files.some((entry) => f === entry || f.startsWith(`${entry.replace(/\/$/, '')}/`))) problem('files', `does not include ${f} (listed in "n8n")`);

for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
	const deps = pkg[field];
	if (deps && (Array.isArray(deps) ? deps.length : Object.keys(deps).length)) problem(field, `runtime dependencies are not allowed (${Object.keys(deps).join(', ')})`);
}
const peers = Object.keys(pkg.peerDependencies ?? {});
for (const peer of peers) if (peer !== 'n8n-workflow') problem('peerDependencies', `${peer}: only n8n-workflow may be a peer`);
for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) if (pkg.scripts?.[script]) problem(`scripts.${script}`, 'lifecycle scripts run on every n8n instance that installs the package');

const licenseFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
if (!pkg.license) problem('license', 'missing');
if (!licenseFile) problem('LICENSE', 'missing');
else {
	const text = readFileSync(licenseFile, 'utf8');
	if (pkg.license === 'MIT' && !/^MIT License/m.test(text)) problem('LICENSE', 'package.json says MIT, the file is not the MIT licence');
	const holder = /^Copyright \(c\) \d{4}(?:-\d{4})? (.+)$/m.exec(text)?.[1];
	if (!holder) problem('LICENSE', 'no "Copyright (c) <year> <holder>" line');
	else if (isPlaceholder(holder)) problem('LICENSE', `copyright holder ${JSON.stringify(holder)} is a placeholder (use the author)`);
	else if (author.name && !isPlaceholder(author.name) && !holder.includes(author.name)) problem('LICENSE', `copyright holder ${JSON.stringify(holder)} differs from author ${JSON.stringify(author.name)}`);
}

const changelogFile = path.join(dir, 'CHANGELOG.md');
if (!existsSync(changelogFile)) problem('CHANGELOG.md', 'missing');
else if (!new RegExp(`^## \\[${String(pkg.version).replace(/\./g, '\\.')}\\]`, 'm').test(readFileSync(changelogFile, 'utf8'))) problem('CHANGELOG.md', `no "## [${pkg.version}]" section`);

// --- tarball -----------------------------------------------------------------------------------------
try {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	const [packed] = JSON.parse(out.slice(out.indexOf('[')));
	const paths = packed.files.map((f) => f.path);
	const allowed = (f) => f === 'package.json' || /^(README|LICEN[CS]E|CHANGELOG)(\.md|\.txt)?$/i.test(f) || f.startsWith('dist/nodes/') || f.startsWith('dist/credentials/');
	for (const f of paths.filter((f) => !allowed(f))) problem('tarball', `${f} would be published`);
	for (const must of ['package.json', 'README.md', 'LICENSE', ...n8nFiles]) if (!paths.includes(must)) problem('tarball', `${must} is missing (run npm run build first?)`);
	for (const f of paths.filter((f) => /\.(test|spec)\.|\.env|\.npmrc$|\.tgz$/.test(f))) problem('tarball', `${f} should not be published`);
} catch (e) {
	problem('tarball', `npm pack --dry-run failed: ${e.message.split('\n')[0]}`);
}

// --- n8n's scanner -----------------------------------------------------------------------------------
if (!argv.includes('--no-scan')) {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'scan.mjs'), ...(argv.includes('--no-build') ? ['--no-build'] : [])], { cwd: dir, encoding: 'utf8' });
	if (r.status !== 0) problem('scanner', `npm run check:scan fails:\n${(r.stdout + r.stderr).trim().split('\n').slice(-15).join('\n')}`);
}

if (problems.length) {
	console.error(`release:check: ${problems.length} problem(s) block a release of ${pkg.name}@${pkg.version}:`);
	for (const p of problems) console.error(`  - ${p}`);
	process.exit(1);
}
console.log(`release:check: ${pkg.name}@${pkg.version} is ready to publish (confirm the name is free or yours on npmjs.com first)`);
