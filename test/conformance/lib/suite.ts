/**
 * Conformance cases and the loop that runs them. The same cases run in jest against the
 * simulator (test/conformance/simulator.test.ts) and from the command line against any server
 * (scripts/conformance.ts). Assertions use node:assert, which both places understand.
 */
import { Client, type Target } from './client';
import { Control, type TestUser } from './control';
import { has, type Behaviour } from '../../../simulator/versions';

/** Where a case comes from: an upstream `it` title, or the server function it reads. */
export interface Source {
	file: string;
	it?: string;
	fn?: string;
}

/** The upstream REST test file the cases follow. */
export const E2E_USERS = 'apps/meteor/tests/end-to-end/api/users.ts';
/** A case that follows an upstream `it` of E2E_USERS (the exact title). */
export const e2e = (it: string): Source => ({ file: E2E_USERS, it });
/** A case read from a server function. */
export const fn = (file: string, name: string): Source => ({ file, fn: name });

export interface CaseContext {
	client: Client;
	control: Control;
	/** Fixtures a group builds once in its setup and shares with its cases. */
	shared: Record<string, unknown>;
	/** The target's full version (x.y.z) as GET /api/info tells the administrator. */
	version: string;
}

/** Whether the target shows a version-dependent behaviour, as the simulator's version table (simulator/versions.ts) pins it. */
export function serverHas(ctx: CaseContext, behaviour: Behaviour): boolean {
	return has(ctx.version, behaviour);
}

/** GET /api/info as the administrator: the full version (view-statistics); major.minor when the server trims it. */
export async function readVersion(client: Client): Promise<string> {
	const res = await client.call('GET', 'info');
	if (res.status !== 200) throw new Error(`GET /api/info answered ${res.status}`);
	return String(res.body.info?.version ?? res.body.version);
}

export interface ConformanceCase {
	endpoint: string;
	title: string;
	source: Source;
	/** The case cannot run against this kind of target: the reason (listed in the README's skip table). */
	skip?: string;
	run(ctx: CaseContext): Promise<void>;
}

export interface CaseGroup {
	name: string;
	/** 'unlicensed': the cases need a server without the device-management licence. */
	needs?: 'unlicensed';
	setup?(ctx: CaseContext): Promise<void>;
	cases: ConformanceCase[];
}

export interface CaseResult {
	group: string;
	endpoint: string;
	title: string;
	status: 'pass' | 'fail' | 'skip';
	message?: string;
}

export interface SuiteResult {
	results: CaseResult[];
	/** Settings, permissions or users restore() could not put back. */
	leftovers: string[];
}

export async function runGroup(target: Target, group: CaseGroup, onResult?: (r: CaseResult) => void): Promise<SuiteResult> {
	const client = new Client(target);
	const control = new Control(client);
	const ctx: CaseContext = { client, control, shared: {}, version: '' };
	const results: CaseResult[] = [];
	const report = (r: CaseResult) => {
		results.push(r);
		onResult?.(r);
	};
	let setupError: string | undefined;
	try {
		ctx.version = await readVersion(client);
		await group.setup?.(ctx);
	} catch (e) {
		setupError = `setup failed: ${(e as Error).message}`;
	}
	for (const c of group.cases) {
		const base = { group: group.name, endpoint: c.endpoint, title: c.title };
		if (c.skip) report({ ...base, status: 'skip', message: c.skip });
		else if (setupError) report({ ...base, status: 'fail', message: setupError });
		else {
			try {
				await c.run(ctx);
				report({ ...base, status: 'pass' });
			} catch (e) {
				report({ ...base, status: 'fail', message: (e as Error).message });
			}
		}
	}
	const leftovers = await control.restore();
	return { results, leftovers };
}

export function sharedUser(ctx: CaseContext, key: string): TestUser {
	const u = ctx.shared[key] as TestUser | undefined;
	if (!u) throw new Error(`fixture ${key} missing`);
	return u;
}

/** One row per endpoint: cases, pass, fail, skipped; then a summary line. */
export function formatTable(results: CaseResult[]): string {
	const rows = new Map<string, { cases: number; pass: number; fail: number; skip: number }>();
	for (const r of results) {
		const row = rows.get(r.endpoint) ?? { cases: 0, pass: 0, fail: 0, skip: 0 };
		row.cases++;
		row[r.status]++;
		rows.set(r.endpoint, row);
	}
	const width = Math.max(8, ...[...rows.keys()].map((k) => k.length));
	const line = (a: string, b: string | number, c: string | number, d: string | number, e: string | number) =>
		`${a.padEnd(width)}  ${String(b).padStart(5)}  ${String(c).padStart(4)}  ${String(d).padStart(4)}  ${String(e).padStart(7)}`;
	const out = [line('endpoint', 'cases', 'pass', 'fail', 'skipped')];
	for (const [endpoint, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) out.push(line(endpoint, r.cases, r.pass, r.fail, r.skip));
	const total = results.length;
	const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
	out.push(`${total} cases: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
	return out.join('\n');
}
