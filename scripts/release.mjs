#!/usr/bin/env node
// npm run release -- <patch|minor|major|x.y.z> [--dry-run] [--no-check]
//
// 1. refuses a dirty work tree or an existing tag;
// 2. bumps "version" in package.json and package-lock.json;
// 3. CHANGELOG.md: the [Unreleased] entries become "## [x.y.z] - YYYY-MM-DD" (empty sub-headings dropped),
//    a fresh empty [Unreleased] stays on top; refuses when [Unreleased] has no entry;
// 4. runs `npm run release:check` (skip with --no-check) and undoes steps 2-3 when it fails;
// 5. commits "Release x.y.z" and tags vx.y.z. Pushing is left to you (`git push --follow-tags`): the tag
//    starts .github/workflows/publish.yml, which publishes with npm provenance.
// --dry-run prints the new version and changelog section and changes nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './lib/n8n-app.mjs';

const argv = process.argv.slice(2);
const dryRun = argv.includes('--dry-run');
const bump = argv.find((a) => !a.startsWith('--'));
const cwd = path.resolve(argv.find((a) => a.startsWith('--dir='))?.slice(6) ?? ROOT);

function die(message) {
	console.error(`release: ${message}`);
	process.exit(1);
}

function git(...args) {
	const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
	if (r.status !== 0) die(`git ${args.join(' ')}: ${r.stderr.trim()}`);
	return r.stdout.trim();
}

function nextVersion(current, how) {
	const m = /^(\d+)\.(\d+)\.(\d+)/.exec(current);
	if (!m) die(`package.json version ${current} is not semver`);
	const [major, minor, patch] = m.slice(1).map(Number);
	if (how === 'major') return `${major + 1}.0.0`;
	if (how === 'minor') return `${major}.${minor + 1}.0`;
	if (how === 'patch') return `${major}.${minor}.${patch + 1}`;
	if (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(how ?? '')) return how;
	return die('usage: npm run release -- <patch|minor|major|x.y.z> [--dry-run] [--no-check]');
}

/** Moves the [Unreleased] entries into a dated section for `version`; returns { text, section }. */
function releaseChangelog(text, version, date) {
	const start = text.search(/^## \[Unreleased\]\s*$/m);
	if (start < 0) die('CHANGELOG.md has no "## [Unreleased]" section');
	const bodyStart = text.indexOf('\n', start) + 1;
	const next = text.slice(bodyStart).search(/^## \[/m);
	const bodyEnd = next < 0 ? text.length : bodyStart + next;
	// Keep only the sub-headings (### Added, ...) that have entries.
	const groups = text
		.slice(bodyStart, bodyEnd)
		.split(/^(?=### )/m)
		.map((g) => g.trim())
		.filter((g) => g.startsWith('### ') && g.split('\n').slice(1).some((line) => line.trim() !== ''));
	if (!groups.length) die('[Unreleased] in CHANGELOG.md has no entries: nothing to release');
	if (new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(text)) die(`CHANGELOG.md already has a [${version}] section`);
	const section = `## [${version}] - ${date}\n\n${groups.join('\n\n')}\n`;
	const emptyUnreleased = '## [Unreleased]\n\n### Added\n\n### Changed\n\n### Fixed\n\n### Security\n';
	return { text: `${text.slice(0, start)}${emptyUnreleased}\n${section}\n${text.slice(bodyEnd)}`, section };
}

const pkgFile = path.join(cwd, 'package.json');
const lockFile = path.join(cwd, 'package-lock.json');
const changelogFile = path.join(cwd, 'CHANGELOG.md');
const pkgText = readFileSync(pkgFile, 'utf8');
const pkg = JSON.parse(pkgText);
const version = nextVersion(pkg.version, bump);
const tag = `v${version}`;
const changelogText = readFileSync(changelogFile, 'utf8');
const { text: newChangelog, section } = releaseChangelog(changelogText, version, new Date().toISOString().slice(0, 10));

if (dryRun) {
	console.log(`release (dry run): ${pkg.version} -> ${version}, tag ${tag}\n\n${section}`);
	process.exit(0);
}
if (git('status', '--porcelain')) die('the work tree has uncommitted changes: commit or stash them first');
if (git('tag', '--list', tag)) die(`tag ${tag} exists already`);

let lockText;
try {
	lockText = readFileSync(lockFile, 'utf8');
} catch {
	lockText = undefined;
}
const restore = () => {
	writeFileSync(pkgFile, pkgText);
	writeFileSync(changelogFile, changelogText);
	if (lockText !== undefined) writeFileSync(lockFile, lockText);
};
writeFileSync(pkgFile, pkgText.replace(/("version":\s*")[^"]+(")/, `$1${version}$2`));
if (lockText !== undefined) {
	const lock = JSON.parse(lockText);
	lock.version = version;
	if (lock.packages?.['']) lock.packages[''].version = version;
	writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
}
writeFileSync(changelogFile, newChangelog);

if (!argv.includes('--no-check')) {
	const check = spawnSync('npm', ['run', 'release:check'], { cwd, stdio: 'inherit' });
	if (check.status !== 0) {
		restore();
		die('release:check failed: version and changelog left unchanged');
	}
}
git('add', 'package.json', 'CHANGELOG.md', ...(lockText !== undefined ? ['package-lock.json'] : []));
git('commit', '-m', `Release ${version}`);
git('tag', '-a', tag, '-m', `Release ${version}`);
console.log(`release: committed and tagged ${tag}. Publish with: git push --follow-tags (publish.yml runs on the tag)`);
