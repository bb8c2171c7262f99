/**
 * The suite's control over the target, through Rocket.Chat's own routes only: users.create /
 * users.delete, POST /api/v1/login, permissions.listAll / permissions.update, GET/POST
 * settings/:_id, and for rooms channels.create / groups.create / teams.create / findOrCreateInvite
 * with channels.delete / groups.delete / teams.delete / removeInvite. Everything it changes is
 * recorded once and put back (or deleted) by restore().
 */
import { randomBytes } from 'node:crypto';

import { GATED_ON_NEWER_RELEASES, type Actor, type Client } from './client';

/** Every user the suite creates is named with this prefix, so an admin can find leftovers. */
export const USER_PREFIX = 'n8n-conformance-';

export interface TestUser extends Actor {
	username: string;
	password: string;
}

export interface Account {
	userId: string;
	username: string;
	password: string;
	email: string;
	name: string;
}

export const USER_AGENTS = {
	firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
	chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.127 Safari/537.36',
} as const;

/** A channel ('c') or private group ('p') the suite created. */
export interface TestRoom {
	_id: string;
	name: string;
	t: 'c' | 'p';
}

export interface TestTeam {
	_id: string;
	name: string;
	/** The team's main room. */
	roomId: string;
}

const AUTO_OPT_IN = 'Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In';

export class ControlError extends Error {}

export class Control {
	/** Short random part of this run, so two runs never collide. */
	readonly run = randomBytes(3).toString('hex');
	private created: string[] = [];
	private settings = new Map<string, unknown>();
	private permissions = new Map<string, string[]>();
	private rooms: TestRoom[] = [];
	private teams: TestTeam[] = [];
	private invites: string[] = [];
	private serial = 0;

	constructor(readonly client: Client) {}

	private async must(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, as?: Actor): Promise<Record<string, unknown>> {
		const res = await this.client.call(method, path, { body, as, twoFactor: GATED_ON_NEWER_RELEASES.has(path) });
		if (res.status !== 200 || (res.body.success !== true && res.body.status !== 'success')) throw new ControlError(`${method} ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
		return res.body as Record<string, unknown>;
	}

	/** A fresh username with the suite's prefix (for users a case creates itself). */
	newUsername(): string {
		return `${USER_PREFIX}${this.run}-${++this.serial}`;
	}

	/** A password that passes Rocket.Chat's default password policy. */
	newPassword(): string {
		return `Conf-${randomBytes(9).toString('base64url')}1!`;
	}

	/** users.create with the prefix and any further fields, not logged in; restore() deletes it. */
	async createAccount(fields: Record<string, unknown> = {}): Promise<Account> {
		// Users made while e-mail 2FA auto opt-in is on get e-mail 2FA, and from 8.6 (#41061) such a new account is asked
		// for the e-mail code at once: the suite's users start without it on every release (restore() puts it back).
		if (!this.settings.has(AUTO_OPT_IN)) await this.setSetting(AUTO_OPT_IN, false);
		const username = this.newUsername();
		const password = this.newPassword();
		const email = `${username}@conformance.invalid`;
		const body = await this.must('POST', 'users.create', {
			username,
			password,
			name: `Conformance ${this.serial}`,
			email,
			verified: true,
			roles: ['user'],
			requirePasswordChange: false,
			sendWelcomeEmail: false,
			...fields,
		});
		const user = body.user as { _id: string; name: string };
		this.adopt(user._id);
		return { userId: user._id, username, password, email, name: user.name };
	}

	/** users.create with the prefix; returns the user logged in once (one session). */
	async createUser(options: { roles?: string[]; userAgent?: string; fields?: Record<string, unknown> } = {}): Promise<TestUser> {
		const account = await this.createAccount({ roles: options.roles ?? ['user'], ...options.fields });
		const login = await this.login(account.username, account.password, options.userAgent);
		return { ...login, username: account.username, password: account.password };
	}

	/** A user a case created some other way (users.register): restore() deletes it too. */
	adopt(userId: string): void {
		if (!this.created.includes(userId)) this.created.push(userId);
	}

	/** A user a case deleted itself: restore() no longer tries. */
	forget(userId: string): void {
		this.created = this.created.filter((id) => id !== userId);
	}

	/** POST /api/v1/login: a new login token and, on the server, a new session. */
	async login(user: string, password: string, userAgent: string = USER_AGENTS.firefoxLinux): Promise<Actor> {
		const res = await this.client.call('POST', 'login', { as: null, body: { user, password }, headers: { 'user-agent': userAgent } });
		if (res.status !== 200 || res.body.status !== 'success') throw new ControlError(`login of ${user} failed: ${res.status} ${JSON.stringify(res.body)}`);
		return { userId: res.body.data.userId, authToken: res.body.data.authToken, password };
	}

	async setSetting(id: string, value: unknown): Promise<void> {
		if (!this.settings.has(id)) {
			const current = await this.must('GET', `settings/${id}`);
			this.settings.set(id, current.value);
		}
		await this.must('POST', `settings/${id}`, { value });
	}

	async setPermission(id: string, roles: string[]): Promise<void> {
		if (!this.permissions.has(id)) {
			const all = await this.must('GET', 'permissions.listAll');
			const found = (all.update as Array<{ _id: string; roles: string[] }>).find((p) => p._id === id);
			if (!found) throw new ControlError(`permission ${id} not found`);
			this.permissions.set(id, [...found.roles]);
		}
		await this.must('POST', 'permissions.update', { permissions: [{ _id: id, roles }] });
	}

	/**
	 * channels.create / groups.create as `as` (default the administrator), named with the prefix; `members` are
	 * usernames, `extraData` e.g. `{ teamId }`. restore() deletes the room as the administrator.
	 */
	async createRoom(t: 'c' | 'p', options: { members?: string[]; as?: Actor; extraData?: Record<string, unknown> } = {}): Promise<TestRoom> {
		const name = this.newUsername();
		const path = t === 'c' ? 'channels.create' : 'groups.create';
		const body = await this.must('POST', path, { name, ...(options.members ? { members: options.members } : {}), ...(options.extraData ? { extraData: options.extraData } : {}) }, options.as);
		const room = (t === 'c' ? body.channel : body.group) as { _id: string };
		const created = { _id: room._id, name, t };
		this.rooms.push(created);
		return created;
	}

	/** A room a case deleted itself (or the server removed): restore() no longer tries. */
	forgetRoom(roomId: string): void {
		this.rooms = this.rooms.filter((r) => r._id !== roomId);
	}

	/** teams.create (0 public, 1 private) by the administrator; restore() deletes it with teams.delete. */
	async createTeam(type: 0 | 1 = 0): Promise<TestTeam> {
		const name = this.newUsername();
		const body = await this.must('POST', 'teams.create', { name, type });
		const team = body.team as { _id: string; roomId: string };
		const created = { _id: team._id, name, roomId: team.roomId };
		this.teams.push(created);
		return created;
	}

	/** findOrCreateInvite for a room (never expires, unlimited uses); the token useInviteToken takes. */
	async createInvite(rid: string): Promise<string> {
		const body = await this.must('POST', 'findOrCreateInvite', { rid, days: 0, maxUses: 0 });
		const id = String(body._id);
		if (!this.invites.includes(id)) this.invites.push(id);
		// Newer servers issue a separate inviteToken; older ones take the invite's _id.
		return typeof body.inviteToken === 'string' ? body.inviteToken : id;
	}

	/**
	 * Puts back settings and permissions (first, so the deletions are allowed), removes the invites, rooms and
	 * teams, then deletes the users.
	 */
	async restore(): Promise<string[]> {
		const problems: string[] = [];
		const attempt = async (what: string, fn: () => Promise<unknown>) => {
			try {
				await fn();
			} catch (e) {
				problems.push(`${what}: ${(e as Error).message}`);
			}
		};
		for (const [id, roles] of this.permissions) await attempt(`permission ${id}`, () => this.must('POST', 'permissions.update', { permissions: [{ _id: id, roles }] }));
		for (const [id, value] of this.settings) await attempt(`setting ${id}`, () => this.must('POST', `settings/${id}`, { value }));
		for (const id of this.invites) {
			await attempt(`invite ${id}`, async () => {
				// removeInvite answers the bare `true` (API.v1.success(true)).
				const res = await this.client.call('DELETE', `removeInvite/${id}`);
				if (res.status !== 200) throw new ControlError(`DELETE removeInvite failed: ${res.status} ${JSON.stringify(res.body)}`);
			});
		}
		for (const room of this.rooms) await attempt(`room ${room.name}`, () => this.must('POST', room.t === 'c' ? 'channels.delete' : 'groups.delete', { roomId: room._id }));
		for (const team of this.teams) await attempt(`team ${team.name}`, () => this.must('POST', 'teams.delete', { teamId: team._id }));
		for (const userId of this.created) await attempt(`user ${userId}`, () => this.must('POST', 'users.delete', { userId, confirmRelinquish: true }));
		this.permissions.clear();
		this.settings.clear();
		this.invites = [];
		this.rooms = [];
		this.teams = [];
		this.created = [];
		return problems;
	}

	/** Users created and not yet deleted (for the runner's leftovers check). */
	get pendingUsers(): readonly string[] {
		return this.created;
	}

	/** Restores one setting now (cases that must not leave a setting changed for the next case). */
	async resetSetting(id: string): Promise<void> {
		if (this.settings.has(id)) await this.must('POST', `settings/${id}`, { value: this.settings.get(id) });
	}

	async resetPermission(id: string): Promise<void> {
		const roles = this.permissions.get(id);
		if (roles) await this.must('POST', 'permissions.update', { permissions: [{ _id: id, roles }] });
	}
}
