import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';
import { deviceManagementDescription } from '../../nodes/RocketChat/actions/deviceManagement';
import { userDescription } from '../../nodes/RocketChat/actions/user';

/**
 * What each operation does to the workspace, by its endpoint's semantics (Rocket.Chat's REST API reads with GET
 * and acts with POST, with one exception: users.requestDataDownload is a GET that starts an export).
 * n8n's MCP Server Trigger and AI Agent describe a tool as its action + " in Rocket.Chat", so the action alone
 * must tell a model whether calling it changes anything.
 */
const EFFECTS: Record<string, Record<string, { method: 'GET' | 'POST'; effect: 'read' | 'act' }>> = {
	'Device Management': {
		getAll: { method: 'GET', effect: 'read' },
		getManyOwn: { method: 'GET', effect: 'read' },
		getOwn: { method: 'GET', effect: 'read' },
		get: { method: 'GET', effect: 'read' },
		logoutOwn: { method: 'POST', effect: 'act' },
		logout: { method: 'POST', effect: 'act' },
	},
	User: {
		autocomplete: { method: 'GET', effect: 'read' },
		checkUsernameAvailability: { method: 'GET', effect: 'read' },
		create: { method: 'POST', effect: 'act' },
		createOrUpdate: { method: 'POST', effect: 'act' },
		createToken: { method: 'POST', effect: 'act' },
		deactivateIdleUsers: { method: 'POST', effect: 'act' },
		delete: { method: 'POST', effect: 'act' },
		deleteOwnAccount: { method: 'POST', effect: 'act' },
		disable2faEmail: { method: 'POST', effect: 'act' },
		enable2faEmail: { method: 'POST', effect: 'act' },
		forgotPassword: { method: 'POST', effect: 'act' },
		generatePersonalAccessToken: { method: 'POST', effect: 'act' },
		get: { method: 'GET', effect: 'read' },
		getAvatar: { method: 'GET', effect: 'read' },
		getAll: { method: 'GET', effect: 'read' },
		getManyByStatus: { method: 'GET', effect: 'read' },
		getManyPresences: { method: 'GET', effect: 'read' },
		getPersonalAccessTokens: { method: 'GET', effect: 'read' },
		getPreferences: { method: 'GET', effect: 'read' },
		getPresence: { method: 'GET', effect: 'read' },
		getStatus: { method: 'GET', effect: 'read' },
		getTeams: { method: 'GET', effect: 'read' },
		getTotpCodesRemaining: { method: 'GET', effect: 'read' },
		getUserAvatar: { method: 'GET', effect: 'read' },
		getUsernameSuggestion: { method: 'GET', effect: 'read' },
		logout: { method: 'POST', effect: 'act' },
		logoutOtherClients: { method: 'POST', effect: 'act' },
		previewIdleUsers: { method: 'GET', effect: 'read' },
		regeneratePersonalAccessToken: { method: 'POST', effect: 'act' },
		register: { method: 'POST', effect: 'act' },
		removeOtherTokens: { method: 'POST', effect: 'act' },
		removePersonalAccessToken: { method: 'POST', effect: 'act' },
		report: { method: 'POST', effect: 'act' },
		requestDataDownload: { method: 'GET', effect: 'act' },
		resetAvatar: { method: 'POST', effect: 'act' },
		resetE2eKey: { method: 'POST', effect: 'act' },
		resetTotp: { method: 'POST', effect: 'act' },
		send2faEmailCode: { method: 'POST', effect: 'act' },
		sendWelcomeEmail: { method: 'POST', effect: 'act' },
		setActiveStatus: { method: 'POST', effect: 'act' },
		setAvatar: { method: 'POST', effect: 'act' },
		setPreferences: { method: 'POST', effect: 'act' },
		setStatus: { method: 'POST', effect: 'act' },
		update: { method: 'POST', effect: 'act' },
		updateOwnBasicInfo: { method: 'POST', effect: 'act' },
	},
};

/** The only GET that acts; anything else must follow the method. */
const GET_THAT_ACTS = new Set(['requestDataDownload']);

const READ_PREFIX = 'Read only — ';
/**
 * Operations added with issue 20 carry a short n8n-style action (sentence case, no dash) while issue 21 rewrites
 * every action: they are held to that style instead of the prefixes until the two are reconciled.
 */
const N8N_STYLE_ACTIONS = new Set(['getTotpCodesRemaining']);
const ACT_PREFIXES = ['Changes data — ', 'Sends email — '];
/** Words that would make a model believe a read-only tool acts. */
const ACTING_VERBS = /\b(deactivate[sd]?|delete[sd]?|remove[sd]?|create[sd]?|update[sd]?|set|reset|log out|end|send[s]?)\b/i;
const OWN_ACCOUNT = 'the account of the n8n credential';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
function readmeMethod(resource: string, name: string): string | undefined {
	for (const line of readme.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		if (cells[1] === resource && cells[2] === name) return /`(GET|POST) /.exec(cells[3])?.[1];
	}
	return undefined;
}

describe.each([
	['User', userDescription],
	['Device Management', deviceManagementDescription],
] as const)('%s: what the tool descriptions say', (resource, description) => {
	const options = description[0].options as INodePropertyOptions[];
	const effects = EFFECTS[resource];

	test('every operation is classified, by its method', () => {
		expect(options.map((option) => String(option.value)).sort()).toEqual(Object.keys(effects).sort());
		for (const option of options) {
			const { method, effect } = effects[String(option.value)];
			expect([option.name, readmeMethod(resource, option.name)]).toEqual([option.name, method]);
			const expected = method === 'GET' && !GET_THAT_ACTS.has(String(option.value)) ? 'read' : 'act';
			expect([option.name, effect]).toEqual([option.name, expected]);
		}
	});

	test.each(options.map((option) => [option.name, option] as const))('%s: the action says whether it changes anything', (_name, option) => {
		const { effect } = effects[String(option.value)];
		const action = String(option.action);
		const text = String(option.description);
		if (N8N_STYLE_ACTIONS.has(String(option.value))) {
			expect(action).toMatch(/^[A-Z][^—]*$/);
			expect(action.slice(1)).not.toMatch(/\b[A-Z][a-z]/);
			expect(text).toContain(effect === 'read' ? 'changes nothing' : '');
		} else if (effect === 'read') {
			expect(action.startsWith(READ_PREFIX)).toBe(true);
			// "would deactivate" (Preview Idle Users) describes, it does not act.
			expect(action.slice(READ_PREFIX.length).replace(/\bwould (be )?\w+/g, '')).not.toMatch(ACTING_VERBS);
			expect(text).toContain('changes nothing');
		} else {
			expect(ACT_PREFIXES.some((prefix) => action.startsWith(prefix))).toBe(true);
			expect(action.toLowerCase()).not.toContain('read only');
			expect(text).not.toContain('changes nothing');
		}
	});

	test.each(options.filter((option) => /\bown\b|credential/i.test(`${option.name} ${option.description}`)).map((option) => [option.name, option] as const))(
		'%s: an "own" operation names the account it acts on',
		(_name, option) => {
			expect(String(option.action)).toContain(OWN_ACCOUNT);
			expect(String(option.description)).toContain(OWN_ACCOUNT);
		},
	);
});
