import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The oldest n8n the package loads on, enforced on the built code (what n8n loads): every n8n-workflow export
 * and every execution-context method it touches must exist in n8n-workflow 1.83.0, the first with
 * NodeConnectionTypes (n8n 1.85.0). The lists below were checked against that version's published typings
 * (dist/index.d.ts, dist/Interfaces.d.ts; themed icons and usableAsTool are there too). Using anything new
 * fails here until it is either guarded (NEWER_GUARDED) or the minimum is raised, README included.
 */
const MINIMUM = { n8n: '1.85.0', n8nWorkflow: '1.83.0' };

/** Runtime (value) exports of n8n-workflow present in 1.83.0. */
const WORKFLOW_EXPORTS_AT_MINIMUM = ['NodeApiError', 'NodeConnectionTypes', 'NodeOperationError', 'sleep'];

/** `this.helpers.*` present in 1.83.0. */
const HELPERS_AT_MINIMUM = [
	'assertBinaryData',
	'getBinaryDataBuffer',
	'httpRequest',
	'httpRequestWithAuthentication',
	'prepareBinaryData',
	'returnJsonArray',
];

/** Execution-context methods present in 1.83.0 (IExecuteFunctions, IPollFunctions, ILoadOptionsFunctions). */
const CONTEXT_AT_MINIMUM = [
	'continueOnFail',
	'getCredentials',
	'getInputData',
	'getMode',
	'getNode',
	'getNodeParameter',
	'getTimezone',
	'getWorkflowStaticData',
];

/** Newer than the minimum: allowed only behind a `typeof … !== 'function'` guard. */
const NEWER_GUARDED = { getPollBudgetMs: 'n8n 2.38' };

const DIST = path.resolve(__dirname, '..', '..', 'dist');

function builtFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return builtFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

function usedNames(pattern: RegExp): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const file of builtFiles(DIST)) {
		const code = fs.readFileSync(file, 'utf8');
		for (const match of code.matchAll(pattern)) {
			found.set(match[1], [...(found.get(match[1]) ?? []), path.relative(DIST, file)]);
		}
	}
	return found;
}

function newerThanMinimum(used: Map<string, string[]>, known: string[]): string[] {
	const guarded = Object.keys(NEWER_GUARDED);
	return [...used.keys()].filter((name) => !known.includes(name) && !guarded.includes(name)).sort();
}

describe(`oldest supported n8n: ${MINIMUM.n8n} (n8n-workflow ${MINIMUM.n8nWorkflow})`, () => {
	beforeAll(() => {
		if (!fs.existsSync(DIST)) throw new Error('dist/ is missing: run npm run build (npm test does)');
	});

	test('n8n-workflow exports used at run time exist in the minimum', () => {
		const used = usedNames(/\bn8n_workflow_\d+\.([A-Za-z_]+)/g);
		expect(used.size).toBeGreaterThan(0);
		expect(newerThanMinimum(used, WORKFLOW_EXPORTS_AT_MINIMUM)).toEqual([]);
	});

	test('helpers used exist in the minimum', () => {
		const used = usedNames(/\bhelpers\.([A-Za-z]+)\b/g);
		expect(used.size).toBeGreaterThan(0);
		expect(newerThanMinimum(used, HELPERS_AT_MINIMUM)).toEqual([]);
	});

	test('execution-context methods used exist in the minimum', () => {
		const used = usedNames(/\b(?:this|context|host)\.((?:get|continue|evaluate|send|put|emit)[A-Za-z]*)\(/g);
		expect(used.size).toBeGreaterThan(0);
		expect(newerThanMinimum(used, CONTEXT_AT_MINIMUM)).toEqual([]);
	});

	test.each(Object.entries(NEWER_GUARDED))('%s (%s) is only called behind a typeof guard', (name) => {
		for (const file of builtFiles(DIST)) {
			const code = fs.readFileSync(file, 'utf8');
			const calls = [...code.matchAll(new RegExp(`\\.${name}\\(`, 'g'))].length;
			if (calls === 0) continue;
			expect([file, code.includes(`typeof host.${name} !== 'function'`)]).toEqual([file, true]);
		}
	});

	test('the README states the same minimum and the tested versions', () => {
		const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
		const section = readme.split(/^## /m).find((part) => part.startsWith('Compatibility')) ?? '';
		expect(section).toContain(`n8n ${MINIMUM.n8n}`);
		expect(section).toContain(`n8n-workflow ${MINIMUM.n8nWorkflow}`);
		for (const tested of ['2.41.1', '1.123.81']) expect(section).toContain(tested);
	});
});
