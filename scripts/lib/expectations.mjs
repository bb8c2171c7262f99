// What `npm run test:e2e` checks after running each example workflow, against the simulator's state.
// Every example gets the generic checks of e2e.mjs (exit 0, status success, no node error); the ones
// below add what the workflow is *for*, matched by file name. An unknown example only gets the generic ones.
const DAY = 86_400_000;

/** The parts of sim.state the checks compare before/after a run. */
export function snapshot(sim) {
	const users = new Map();
	for (const u of sim.state.users) {
		users.set(u._id, {
			active: u.active,
			inactiveReason: u.inactiveReason,
			avatar: Boolean(u.avatar),
			preferences: JSON.stringify(u.preferences ?? {}),
			username: u.username,
		});
	}
	const sessions = new Map();
	for (const s of sim.state.sessions) sessions.set(s.sessionId, { loggedOut: Boolean(s.logoutAt), userId: s.userId });
	return { users, sessions, emails: sim.state.emailsSent.length, now: sim.now() };
}

function assert(cond, msg) {
	if (!cond) throw new Error(msg);
}

/** Items that a node of the run produced (first output, all runs). */
export function nodeItems(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName] ?? [];
	return runs.flatMap((r) => r.data?.main?.[0] ?? []).map((i) => i.json);
}

/** Rocket.Chat nodes of the workflow doing `resource.operation` (not disabled). */
export function rcNodes(wf, resource, operation) {
	return wf.nodes.filter(
		(n) => n.type === 'n8n-nodes-rocketchat.rocketChat' && !n.disabled && (n.parameters.resource ?? 'user') === resource && (!operation || n.parameters.operation === operation),
	);
}

/** API calls of the run to `path` (sim.requests is cleared right before each execution). */
function calls(requests, method, p) {
	return requests.filter((r) => r.method === method && r.path.replace(/\?.*$/, '').endsWith(p));
}

const generic = {
	check: ({ requests }) => {
		const failed = requests.filter((r) => r.status >= 500);
		assert(!failed.length, `simulator answered 5xx to ${failed.map((r) => `${r.method} ${r.path}`).join(', ')}`);
		return '';
	},
};

/** Idle deactivation: afterwards no active account of the role has been idle longer than the threshold. */
const idleDeactivation = {
	check: ({ sim, before, wf, requests }) => {
		const changed = [...before.users].filter(([id, b]) => b.active && sim.state.users.find((u) => u._id === id)?.active === false);
		assert(changed.length > 0, 'no user was deactivated');
		const idleNodes = rcNodes(wf, 'user', 'deactivateIdleUsers');
		const parts = [`${changed.length} users deactivated`];
		for (const n of idleNodes) {
			// Parameters left at their defaults are not stored in the workflow JSON: daysIdle 90, role 'user'.
			const days = n.parameters.daysIdle === undefined ? 90 : Number(n.parameters.daysIdle);
			if (!Number.isFinite(days)) continue; // an expression: covered by "someone was deactivated"
			const role = n.parameters.role === undefined ? 'user' : n.parameters.role;
			if (typeof role !== 'string' || role.startsWith('=')) continue;
			const limit = new Date(before.now);
			limit.setDate(limit.getDate() - days);
			const stillActive = sim.state.users.filter((u) => u.active && u.roles.includes(role) && (u.lastLogin ?? u.createdAt).getTime() <= limit.getTime());
			assert(!stillActive.length, `${stillActive.length} active ${role} accounts idle >= ${days} days remain (e.g. ${stillActive[0]?.username})`);
			parts.push(`no ${role} account idle >= ${days} d left active`);
		}
		for (const [id] of changed) {
			const u = sim.state.users.find((x) => x._id === id);
			const idleDays = (before.now - (u.lastLogin ?? u.createdAt).getTime()) / DAY;
			if (idleNodes.length) assert(u.inactiveReason === 'idle_too_long', `${u.username} deactivated with reason ${u.inactiveReason}`);
			parts.length < 4 && idleDays >= 0 && parts.push(`e.g. ${u.username} idle ${Math.floor(idleDays)} d`);
		}
		assert(!sim.state.users.find((u) => u._id === sim.admin.userId && !u.active), 'the admin itself was deactivated');
		void requests;
		return parts.join('; ');
	},
};

/** Session audit: the sessions the workflow logged out are really ended, and nothing else was. */
const sessionAudit = {
	check: ({ sim, before, requests }) => {
		const ended = [...before.sessions].filter(([sid, b]) => !b.loggedOut && sim.state.sessions.find((s) => s.sessionId === sid)?.logoutAt);
		const logoutCalls = [...calls(requests, 'POST', '/sessions/logout'), ...calls(requests, 'POST', '/sessions/logout.me')].filter((r) => r.status < 300);
		assert(logoutCalls.length > 0, 'the workflow logged out no session (no successful sessions/logout call)');
		assert(ended.length >= logoutCalls.length, `${logoutCalls.length} successful logout calls but only ${ended.length} sessions ended`);
		const admin = sim.state.sessions.filter((s) => s.userId === sim.admin.userId && !s.logoutAt);
		return `${ended.length} sessions logged out (${logoutCalls.length} calls); admin still has ${admin.length} live session(s)`;
	},
};

/** The nodes that may create users: Create, and Create or Update. */
const createNodes = (wf) => [...rcNodes(wf, 'user', 'create'), ...rcNodes(wf, 'user', 'createOrUpdate')];

/** Onboarding: the new accounts exist, with avatar/preferences where the workflow sets them, and got a welcome e-mail. */
const onboarding = {
	check: ({ sim, before, wf, run }) => {
		const created = sim.state.users.filter((u) => !before.users.has(u._id));
		assert(created.length > 0, 'no user was created');
		const wantsAvatar = rcNodes(wf, 'user', 'setAvatar').length > 0;
		const wantsPrefs = rcNodes(wf, 'user', 'setPreferences').length > 0;
		const wantsWelcome = rcNodes(wf, 'user', 'sendWelcomeEmail').length > 0 || createNodes(wf).some((n) => JSON.stringify(n.parameters).includes('sendWelcomeEmail'));
		for (const u of created) {
			if (wantsAvatar) assert(u.avatar, `${u.username} has no avatar`);
			if (wantsPrefs) assert(Object.keys(u.preferences ?? {}).length > 0, `${u.username} has no saved preferences`);
		}
		const newEmails = sim.state.emailsSent.slice(before.emails).filter((m) => m.kind === 'welcome');
		if (wantsWelcome) for (const u of created) assert(newEmails.some((m) => m.userId === u._id), `no welcome e-mail recorded for ${u.username}`);
		const createdNodes = createNodes(wf);
		const outCount = createdNodes.reduce((n, node) => n + nodeItems(run, node.name).length, 0);
		if (createdNodes.length) assert(outCount >= created.length, `create nodes output ${outCount} items for ${created.length} new users`);
		return `${created.length} users created (${created.map((u) => u.username).slice(0, 4).join(', ')}${created.length > 4 ? ', …' : ''}); avatar ${wantsAvatar ? 'set' : 'n/a'}, preferences ${wantsPrefs ? 'set' : 'n/a'}, ${newEmails.length} welcome e-mails`;
	},
};

/**
 * New-user welcome: a user created just before the run (the newest one, as the trigger would emit it) gets
 * the workflow's preferences and a welcome e-mail; nobody else's preferences change.
 */
const NEW_HIRE = 'e2e.new.hire';
const newUserWelcome = {
	before: ({ sim }) => {
		sim.state.addUser({ username: NEW_HIRE, name: 'E2E New Hire', createdAt: sim.state.now(), lastLogin: null, withToken: false });
	},
	check: ({ sim, before }) => {
		const hire = sim.state.users.find((u) => u.username === NEW_HIRE);
		assert(hire, `${NEW_HIRE} was not created before the run`);
		assert(Object.keys(hire.preferences ?? {}).length > 0, `${NEW_HIRE} has no saved preferences`);
		const welcomes = sim.state.emailsSent.slice(before.emails).filter((m) => m.kind === 'welcome');
		assert(welcomes.some((m) => m.userId === hire._id), `no welcome e-mail recorded for ${NEW_HIRE}`);
		const others = [...before.users].filter(([id, b]) => b.preferences !== JSON.stringify(sim.state.users.find((u) => u._id === id)?.preferences ?? {}));
		assert(!others.length, `preferences of other users changed: ${others.map(([, b]) => b.username).join(', ')}`);
		return `${NEW_HIRE} (newest user) got preferences ${Object.keys(hire.preferences).join(', ')} and ${welcomes.length} welcome e-mail(s); no other user changed`;
	},
};

const BY_NAME = [
	[/new-user|trigger/i, newUserWelcome],
	[/idle|deactivat/i, idleDeactivation],
	[/session|audit|device/i, sessionAudit],
	[/onboard|welcome|create-user/i, onboarding],
];

export function expectationsFor(file) {
	const specific = BY_NAME.find(([re]) => re.test(file))?.[1];
	return {
		before: specific?.before,
		check: async (ctx) => {
			generic.check(ctx);
			return specific ? await specific.check(ctx) : 'generic checks only';
		},
	};
}
