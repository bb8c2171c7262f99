#!/usr/bin/env node
// npm run lint:workflows — validates every GitHub Actions workflow against the workflow schema with
// action-validator (devDependency @action-validator/cli), so that a broken ci.yml / publish.yml cannot land.
// Usage: node scripts/lint-workflows.mjs [<dir>] (default .github/workflows). Exits 1 on any invalid file
// or when there is none.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './lib/n8n-app.mjs';

const dir = path.resolve(ROOT, process.argv[2] ?? '.github/workflows');
const bin = path.join(ROOT, 'node_modules', '.bin', 'action-validator');
let files = [];
try {
	files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
} catch {
	/* reported below */
}
if (!files.length) {
	console.error(`lint:workflows: no workflow files in ${path.relative(ROOT, dir) || dir}`);
	process.exit(1);
}
let failed = 0;
for (const file of files) {
	const full = path.join(dir, file);
	const r = spawnSync(bin, [full], { encoding: 'utf8' });
	if (r.status === 0) continue;
	failed++;
	console.error(`lint:workflows: ${path.relative(ROOT, full)} is invalid:\n${(r.stdout + r.stderr).trim() || r.error?.message}`);
}
console.log(`lint:workflows: ${files.length - failed}/${files.length} workflow files valid`);
process.exit(failed ? 1 : 0);
