/**
 * The open questions of the README ("Open questions"), asked of a server with one request each. Every request is
 * read-only or refused before it changes anything (an existing username, a wrong secret, an unknown login), so
 * `npm run test:conformance -- --url …` can ask them of any server and print the answers next to the suite's table,
 * each with what the simulator's version table (simulator/versions.ts) predicts for that server's version.
 */
import { has, type Behaviour } from '../../../simulator/versions';
import type { Answer, Client } from './client';

export interface ProbeContext {
	client: Client;
	/** The server's version as GET /api/info tells the administrator (x.y.z, or x.y when trimmed). */
	version: string;
	/** The administrator's username (GET /api/v1/me). */
	adminUsername: string;
	/** Whether the server runs without the device-management licence (--unlicensed). */
	unlicensed: boolean;
}

export interface Probe {
	/** The README's question number. */
	id: string;
	question: string;
	/** The behaviour of the version table the answer settles, if any. */
	behaviour?: Behaviour;
	ask(ctx: ProbeContext): Promise<Answer>;
	/** What the answer says: `holds` true/false for the behaviour (undefined when the answer cannot tell), and why. */
	read(answer: Answer, ctx: ProbeContext): { holds?: boolean; reading: string };
}

export interface ProbeResult {
	id: string;
	question: string;
	answer: string;
	reading: string;
	/** 'agrees' / 'DIFFERS' from the table, or '' when the probe settles no table entry or the answer cannot tell. */
	verdict: string;
}

/** The answer, short, with any token in it replaced: a probe must never print a secret. */
const short = (a: Answer) => `${a.status} ${(typeof a.body === 'string' ? a.body.slice(0, 80) : JSON.stringify(a.body).slice(0, 160)).replace(/("authToken"\s*:\s*")[^"]*/gi, '$1[redacted]')}`;
const BAD_TOKEN = { userId: 'n8n-conformance-probe', authToken: 'n8n-conformance-not-a-token' };

export const PROBES: Probe[] = [
	{
		id: 'Q1',
		question: 'Legacy (8.x) or switched (9.0) error format: GET /api/v1/me with a wrong token',
		behaviour: 'apiErrorFormatV2',
		ask: (ctx) => ctx.client.call('GET', 'me', { as: BAD_TOKEN }),
		read: (a) =>
			a.status !== 401 ? { reading: 'not a 401: cannot tell' } : a.body.status === 'error' ? { holds: false, reading: 'legacy body (status, message)' } : { holds: true, reading: 'switched body (success, error only)' },
	},
	{
		id: 'Q2',
		question: 'Licence order: GET /api/v1/sessions/list without credentials (tells only on a server without the licence)',
		behaviour: 'permissionsMiddleware',
		ask: (ctx) => ctx.client.call('GET', 'sessions/list', { as: null }),
		read: (a, ctx) => {
			if (a.status === 400 && a.body.errorType === 'error-action-not-allowed') return { holds: false, reading: 'the licence before authentication (before 8.3)' };
			if (a.status === 401) return ctx.unlicensed ? { holds: true, reading: 'authentication before the licence (8.3 on)' } : { reading: 'licensed server: cannot tell' };
			return { reading: 'unexpected answer' };
		},
	},
	{
		id: 'Q3',
		question: 'Full version for the administrator: GET /api/info (patch-level backports need x.y.z)',
		ask: (ctx) => ctx.client.call('GET', 'info'),
		read: (a) => {
			const version = String(a.body?.info?.version ?? a.body?.version ?? '');
			return { reading: /^\d+\.\d+\.\d+/.test(version) ? `full version ${version}` : `trimmed version ${version}: patch-level rows cannot be settled by version` };
		},
	},
	{
		id: 'Q5',
		question: 'users.createToken with a wrong secret (with the password as second factor): 400 error-not-authorized, or remapped?',
		ask: (ctx) => ctx.client.call('POST', 'users.createToken', { body: { userId: ctx.client.admin.userId, secret: 'n8n-conformance-wrong-secret' }, twoFactor: true }),
		read: (a) => {
			if (a.status === 200) return { reading: 'A TOKEN WAS ISSUED: the server accepts this secret (it was not shown)' };
			return { reading: a.body?.errorType === 'error-not-authorized' ? `${a.status} error-not-authorized (not remapped by #43214)` : `${a.status} ${a.body?.errorType ?? ''}` };
		},
	},
	{
		id: 'Q6',
		question: 'TOTP endpoint names (8.8+): GET users.totp.codesRemaining / users.totpCodesRemaining',
		async ask(ctx) {
			const dotted = await ctx.client.call('GET', 'users.totp.codesRemaining');
			const camel = await ctx.client.call('GET', 'users.totpCodesRemaining');
			return { status: 200, body: { 'users.totp.codesRemaining': dotted.status, 'users.totpCodesRemaining': camel.status } };
		},
		read: (a) => ({ reading: Object.entries(a.body as Record<string, number>).map(([k, s]) => `${k} ${s === 404 ? 'absent' : `answers ${s}`}`).join(', ') }),
	},
	{
		id: 'Q7',
		question: 'users.create 2FA-gated? POST users.create with the administrator’s own username, without a code (nothing is created)',
		behaviour: 'createTwoFactorGated',
		ask: (ctx) =>
			ctx.client.call('POST', 'users.create', {
				body: { email: 'n8n-conformance-probe@conformance.invalid', name: 'Probe', username: ctx.adminUsername, password: 'Probe-12345!x' },
				headers: { 'user-agent': `n8n-conformance-probe-${Date.now()}` },
			}),
		read: (a) =>
			a.body?.errorType === 'totp-required'
				? { holds: true, reading: 'totp-required: gated' }
				: { reading: `${a.status} ${a.body?.errorType ?? a.body?.error ?? ''}: not challenged (not gated, or this token bypasses 2FA)` },
	},
	{
		id: 'Q8',
		question: 'users.getAvatar without login',
		behaviour: 'getAvatarRequiresAuth',
		ask: (ctx) => ctx.client.call('GET', 'users.getAvatar', { as: null, query: { username: ctx.adminUsername } }),
		read: (a) => (a.status === 401 ? { holds: true, reading: 'login required' } : a.status === 307 ? { holds: false, reading: 'anybody gets the 307' } : { reading: 'unexpected answer' }),
	},
	{
		id: 'Q9',
		question: 'Did 9.0 remove `fields`? GET users.list?fields=…',
		ask: (ctx) => ctx.client.call('GET', 'users.list', { query: { count: 1, fields: JSON.stringify({ username: 1 }) } }),
		read: (a) => ({ reading: a.status === 200 ? 'still accepted' : a.body?.errorType === 'invalid-params' ? 'removed (invalid-params)' : 'unexpected answer' }),
	},
	{
		id: 'Q11',
		question: 'Login failure body: POST /api/v1/login for an unknown user',
		ask: (ctx) => ctx.client.call('POST', 'login', { as: null, body: { user: 'n8n-conformance-probe-nobody', password: 'wrong' } }),
		read: (a) => ({ reading: a.body?.status === 'error' ? 'legacy body (status "error")' : 'switched body' }),
	},
	{
		id: 'Q16',
		question: 'sessions/list items carry `current` (8.7, #40351)',
		behaviour: 'sessionsCurrentFlag',
		ask: (ctx) => ctx.client.call('GET', 'sessions/list', { query: { count: 5 } }),
		read: (a) => {
			const sessions = Array.isArray(a.body?.sessions) ? (a.body.sessions as Array<Record<string, unknown>>) : undefined;
			if (!sessions) return { reading: 'no listing (licence?): cannot tell' };
			if (sessions.length === 0) return { reading: 'no sessions: cannot tell' };
			return sessions.some((s) => 'current' in s) ? { holds: true, reading: 'items carry current' } : { holds: false, reading: 'no current flag' };
		},
	},
	{
		id: 'Q18',
		question: 'users.autocomplete operators: $or in conditions',
		behaviour: 'autocompleteConditionOperators',
		ask: (ctx) => ctx.client.call('GET', 'users.autocomplete', { query: { selector: JSON.stringify({ term: ctx.adminUsername, conditions: { $or: [{ username: ctx.adminUsername }] } }) } }),
		read: (a) => (a.status === 200 ? { holds: false, reading: '$or accepted' } : a.status === 400 ? { holds: true, reading: '$or refused' } : { reading: 'unexpected answer' }),
	},
];

/** Asks every probe; a probe that throws is reported, never fatal. */
export async function runProbes(client: Client, options: { unlicensed: boolean }): Promise<ProbeResult[]> {
	const info = await client.call('GET', 'info');
	const version = String(info.body?.info?.version ?? info.body?.version ?? '');
	const me = await client.call('GET', 'me');
	const ctx: ProbeContext = { client, version, adminUsername: String(me.body?.username ?? ''), unlicensed: options.unlicensed };
	const results: ProbeResult[] = [];
	for (const probe of PROBES) {
		try {
			const answer = await probe.ask(ctx);
			const { holds, reading } = probe.read(answer, ctx);
			let verdict = '';
			if (probe.behaviour && holds !== undefined && /^\d+\.\d+/.test(version)) {
				verdict = holds === has(version, probe.behaviour) ? 'agrees with the table' : `DIFFERS from the table (${probe.behaviour} at ${version})`;
			}
			results.push({ id: probe.id, question: probe.question, answer: short(answer), reading, verdict });
		} catch (e) {
			results.push({ id: probe.id, question: probe.question, answer: 'no answer', reading: (e as Error).message, verdict: '' });
		}
	}
	return results;
}

export function formatProbes(results: ProbeResult[], version: string): string {
	const lines = [`Open questions asked of this server (Rocket.Chat ${version}; see test/conformance/README.md):`];
	for (const r of results) lines.push(`${r.id.padEnd(4)} ${r.question}\n     → ${r.reading}${r.verdict ? ` — ${r.verdict}` : ''}\n       ${r.answer}`);
	return lines.join('\n');
}

