import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
	const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, GITHUB_REPOSITORY: '', ...env },
	});
	return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A minimal publishable package: what release:check inspects, without the build. */
function fixture(overrides: Record<string, unknown> = {}, licenseHolder = 'Jane Maintainer'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
	const pkg = {
		name: 'n8n-nodes-example-chat',
		version: '1.2.3',
		description: 'n8n community node for a chat server',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		homepage: 'https://github.com/jane/n8n-nodes-example-chat#readme',
		bugs: { url: 'https://github.com/jane/n8n-nodes-example-chat/issues' },
		author: { name: 'Jane Maintainer', email: 'jane@maintainer.dev' },
		repository: { type: 'git', url: 'git+https://github.com/jane/n8n-nodes-example-chat.git' },
		files: ['dist/nodes', 'dist/credentials'],
		n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Chat/Chat.node.js'], credentials: ['dist/credentials/ChatApi.credentials.js'] },
		peerDependencies: { 'n8n-workflow': '*' },
		...overrides,
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	fs.writeFileSync(path.join(dir, 'README.md'), '# chat\n');
	fs.writeFileSync(path.join(dir, 'LICENSE'), `MIT License\n\nCopyright (c) 2026 ${licenseHolder}\n`);
	fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A thing.\n\n### Fixed\n\n## [1.2.3] - 2026-01-01\n\n### Added\n\n- First.\n');
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), 'module.exports = {};\n');
	}
	return dir;
}

const check = (dir: string, env: NodeJS.ProcessEnv = { GITHUB_REPOSITORY: 'jane/n8n-nodes-example-chat' }) =>
	runScript('release-check.mjs', [`--dir=${dir}`, '--no-scan'], env);

describe('npm run release:check', () => {
	test('a complete package built from its own repository passes', () => {
		const r = check(fixture());
		expect(r.output).toContain('is ready to publish');
		expect(r.code).toBe(0);
	});

	test('placeholders and inconsistent metadata fail, naming each field', () => {
		const dir = fixture(
			{
				homepage: 'https://github.com/someone-else/other#readme',
				bugs: undefined,
				author: { name: 'TODO', email: 'you@example.com' },
			},
			'<copyright holder>',
		);
		const r = check(dir);
		expect(r.code).toBe(1);
		for (const field of ['homepage:', 'bugs.url: missing', 'author.name:', 'author.email:', 'LICENSE: copyright holder']) {
			expect(r.output).toContain(field);
		}
		expect(r.output).not.toContain('repository.url');
	});

	test('a repository that is not the one it is built from fails (npm provenance would)', () => {
		const r = check(fixture(), { GITHUB_REPOSITORY: 'mallory/fork' });
		expect(r.code).toBe(1);
		expect(r.output).toMatch(/repository\.url: .* is not the repository this is built from/);
	});

	test('runtime dependencies, lifecycle scripts, files outside dist and a missing changelog entry fail', () => {
		const dir = fixture({ dependencies: { axios: '1.0.0' }, scripts: { postinstall: 'node x.js' }, files: ['dist/nodes', 'src'] });
		fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n');
		const r = check(dir);
		expect(r.code).toBe(1);
		for (const text of ['dependencies: runtime dependencies are not allowed (axios)', 'scripts.postinstall', 'files: src is outside dist/', 'files: does not include dist/credentials/ChatApi.credentials.js', 'CHANGELOG.md: no "## [1.2.3]" section']) {
			expect(r.output).toContain(text);
		}
	});

	test("this repository: fails on the metadata that needs the public repository, and on nothing else", () => {
		if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run npm run build (npm test does)');
		const r = runScript('release-check.mjs', ['--no-scan']);
		const problems = r.output.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.slice(4).split(':')[0]);
		expect(r.code).toBe(1);
		expect([...new Set(problems)].sort()).toEqual(
			['LICENSE', 'author.email', 'author.name', 'bugs.url', 'homepage', 'repository.url'].sort(),
		);
	});
});

describe('npm run release', () => {
	test('--dry-run turns [Unreleased] into the dated version section, dropping empty headings', () => {
		const dir = fixture();
		const r = runScript('release.mjs', ['minor', '--dry-run', `--dir=${dir}`]);
		expect(r.code).toBe(0);
		expect(r.output).toContain('1.2.3 -> 1.3.0, tag v1.3.0');
		expect(r.output).toMatch(/## \[1\.3\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- A thing\.\n/);
		expect(r.output).not.toContain('### Fixed');
	});

	test('refuses to release an empty [Unreleased] or a bad version', () => {
		const dir = fixture();
		fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n### Added\n\n## [1.2.3]\n');
		expect(runScript('release.mjs', ['patch', '--dry-run', `--dir=${dir}`]).output).toContain('has no entries');
		expect(runScript('release.mjs', ['soon', '--dry-run', `--dir=${fixture()}`]).output).toContain('usage:');
	});
});

describe('npm run lint:workflows', () => {
	test('the repository workflows are valid', () => {
		const r = runScript('lint-workflows.mjs', []);
		expect(r.output).toContain('2/2 workflow files valid');
		expect(r.code).toBe(0);
	});

	test('a broken workflow fails the lint step', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
		fs.copyFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), path.join(dir, 'ci.yml'));
		const broken = fs.readFileSync(path.join(dir, 'ci.yml'), 'utf8').replace('timeout-minutes: 20', 'timeout-minutes: soon').replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
		fs.writeFileSync(path.join(dir, 'ci.yml'), broken);
		const r = runScript('lint-workflows.mjs', [dir]);
		expect(r.code).toBe(1);
		expect(r.output).toContain('ci.yml is invalid');
	});
});
