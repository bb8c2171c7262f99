/**
 * In-memory model of the Rocket.Chat data the 48 endpoints touch, plus deterministic seeding.
 * Everything is plain objects so tests can read (and, after calling touch(), change) it directly.
 */
import { createHash } from 'node:crypto';

import { defaultPermissions, hasPermission, mostImportantRole, DEFAULT_ROLES } from './permissions';
import { defaultSettingValues } from './settings';
import { Prng } from './prng';
import { base32Encode } from './totp';
import type {
	AuditEntry,
	DataDownloadRequest,
	InactiveReason,
	SentEmail,
	SentEmailCode,
	SimDevice,
	SimLoginToken,
	SimRole,
	SimInvite,
	SimRoom,
	SimSession,
	SimSubscriptionExtra,
	SimSettings,
	SimTeam,
	SimUser,
	TwoFactorMode,
	UserReport,
	UserStatus,
	UserType,
} from './types';

const DAY = 86_400_000;
// Aliases for globals used in the seeding loop (global lookups are slow inside jest's vm context).
const DateCtor = Date;
const floor = Math.floor;
const min = Math.min;
const BufferCtor = Buffer;

/** Accounts._hashLoginToken: base64 SHA-256 of the plain token. */
export function hashLoginToken(token: string): string {
	return createHash('sha256').update(token).digest('base64');
}

/** What clients send as a 2FA "password" code or as users.deleteOwnAccount / currentPassword. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

export interface AddUserInput {
	username?: string;
	name?: string;
	email?: string;
	emails?: Array<{ address: string; verified: boolean }>;
	/** Plain password; null = account without password (no password fallback for 2FA). */
	password?: string | null;
	roles?: string[];
	type?: UserType;
	active?: boolean;
	inactiveReason?: InactiveReason;
	createdAt?: Date;
	/** null = never logged in; omitted = now when a token is issued (withToken), else never. */
	lastLogin?: Date | null;
	status?: UserStatus;
	twoFactor?: TwoFactorMode;
	/** base32 secret for twoFactor 'totp' (generated when omitted). */
	totpSecret?: string;
	utcOffset?: number;
	nickname?: string;
	bio?: string;
	statusText?: string;
	language?: string;
	customFields?: Record<string, unknown>;
	/** Issue a login token (and a device session) for the user. Default true. */
	withToken?: boolean;
	_id?: string;
}

export interface Credentials {
	userId: string;
	username: string;
	/** Plain login token for X-Auth-Token (undefined when withToken was false). */
	authToken: string;
	password: string;
	/** base32 TOTP secret, for TOTP users. */
	totpSecret?: string;
}

export interface AddSessionInput {
	userId: string;
	device?: Partial<SimDevice>;
	ip?: string;
	loginAt?: Date;
	closed?: boolean;
	/** Reuse an existing plain token instead of issuing a new one. */
	authToken?: string;
}

export interface AddRoomInput {
	name: string;
	t?: 'c' | 'p';
	owners: string[];
	members?: string[];
	teamMain?: boolean;
	teamId?: string;
}

export const DEVICES: readonly SimDevice[] = [
	{ type: 'browser', name: 'Chrome', longVersion: '126.0.6478.127', os: { name: 'Windows', version: '10' }, version: '126.0.6478' },
	{ type: 'browser', name: 'Chrome', longVersion: '125.0.6422.141', os: { name: 'Mac OS', version: '10.15.7' }, version: '125.0.6422' },
	{ type: 'browser', name: 'Firefox', longVersion: '127.0', os: { name: 'Linux', version: 'x86_64' }, version: '127.0' },
	{ type: 'browser', name: 'Safari', longVersion: '17.5', os: { name: 'Mac OS', version: '14.5' }, version: '17.5' },
	{ type: 'browser', name: 'Edge', longVersion: '126.0.2592.87', os: { name: 'Windows', version: '11' }, version: '126.0.2592' },
	{ type: 'mobile-app', name: 'Rocket.Chat', longVersion: '4.50.1', os: { name: 'iOS', version: '17.5.1' }, version: '4.50.1' },
	{ type: 'mobile-app', name: 'Rocket.Chat', longVersion: '4.50.0', os: { name: 'Android', version: '14' }, version: '4.50.0' },
	{ type: 'desktop-app', name: 'Rocket.Chat', longVersion: '4.1.0', os: { name: 'Windows', version: '10' }, version: '4.1.0' },
	{ type: 'desktop-app', name: 'Rocket.Chat', longVersion: '4.1.0', os: { name: 'Mac OS', version: '14.4' }, version: '4.1.0' },
	{ type: 'other', name: 'curl', longVersion: '8.5.0', os: { name: 'Linux', version: 'unknown' }, version: '8.5.0' },
];

const FIRST = [
	'Alice', 'Bob', 'Carla', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Keiko', 'Lars', 'Maya', 'Nikolai',
	'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'André', 'Björn',
	'Chloé', 'Dara', 'Emre', 'Fatima', 'Gustavo', 'Hanna', 'Ivan', 'Jana', 'Kofi', 'Lea', 'Mateo', 'Nora', 'Oskar', 'Priya',
];
const LAST = [
	'Smith', 'Müller', 'Garcia', 'Nakamura', 'Kowalski', 'Rossi', 'Dubois', 'Silva', 'Ivanova', 'Okafor', 'Larsen', 'Chen',
	'Khan', 'Novak', 'Haddad', 'Jensen', 'Moreau', 'Santos', 'Kim', 'Bauer', 'Costa', 'Fischer', 'Lindqvist', 'Petrov',
	'Yilmaz', 'Nguyen', 'Andersen', 'Schmidt', 'Tanaka', 'Oliveira',
];
const BOT_NAMES = ['notifier', 'deploy', 'jira', 'github', 'standup', 'poll', 'welcome', 'backup', 'monitor', 'translator'];
const DOMAINS = ['example.com', 'example.org', 'corp.example.net'];
const LANGUAGES = ['en', 'de', 'fr', 'pt-BR', 'es', 'ja'];
const STATUS_TEXTS = ['In a meeting', 'On vacation', 'Focus time', 'Working remotely', 'Lunch'];
const INSTANCE_IDS = ['a7fRzKd5w6qXhJ2uN', 'Q9mTbEw3pLs8YcVg4'];

// Weight tables live at module level: seeding 100 000 users must not allocate them per user.
const TYPE_WEIGHTS: ReadonlyArray<readonly [UserType, number]> = [['user', 90], ['bot', 7], ['app', 3]];
const ROLE_WEIGHTS: ReadonlyArray<readonly [readonly string[], number]> = [
	[['user'], 82],
	[['user', 'admin'], 3],
	[['user', 'livechat-agent'], 6],
	[['user', 'livechat-agent', 'livechat-manager'], 1],
	[['user', 'support'], 3],
	[['user', 'auditor'], 1],
	[['guest'], 2],
	[['user', 'bot'], 2],
];
const REASON_WEIGHTS: ReadonlyArray<readonly [InactiveReason, number]> = [['deactivated', 65], ['idle_too_long', 35]];
const STATUS_WEIGHTS: ReadonlyArray<readonly [UserStatus, number]> = [['online', 60], ['away', 25], ['busy', 15]];
const MODE_WEIGHTS: ReadonlyArray<readonly [TwoFactorMode, number]> = [['password', 93], ['totp', 4], ['email', 3]];
const UTC_OFFSETS = [-8, -5, -3, 0, 0, 1, 2, 3, 5, 8, 9];

const slugCache = new Map<string, string>();
function slug(text: string): string {
	const hit = slugCache.get(text);
	if (hit !== undefined) return hit;
	const out = slugUncached(text);
	slugCache.set(text, out);
	return out;
}

function slugUncached(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9.]+/g, '');
}

export interface SeedOptions {
	seed: number;
	users: number;
	nowMs: number;
}

export class SimState {
	users: SimUser[] = [];
	sessions: SimSession[] = [];
	rooms: SimRoom[] = [];
	teams: SimTeam[] = [];
	invites: SimInvite[] = [];
	/** Subscription fields by `${rid}${userId}` for memberships made through the REST routes. */
	subscriptionExtras = new Map<string, SimSubscriptionExtra>();
	roles: SimRole[] = DEFAULT_ROLES.map((r) => ({ ...r }));
	/** Codes "e-mailed" by users.2fa.sendEmailCode or by an e-mail 2FA challenge. */
	emailCodesSent: SentEmailCode[] = [];
	/** Welcome and forgot-password e-mails. */
	emailsSent: SentEmail[] = [];
	reports: UserReport[] = [];
	dataDownloads: DataDownloadRequest[] = [];
	/** Side effects without a dedicated collection (e2e key resets, TOTP resets, logouts…). */
	audit: AuditEntry[] = [];
	settings: SimSettings;
	/** Permission → roles, changed at run time by permissions.update. */
	permissions: Record<string, string[]> = defaultPermissions();
	/** Rocket.Chat settings by _id that are not SimSettings switches (see simulator/settings.ts). */
	settingValues: Record<string, unknown> = defaultSettingValues();
	/** Bumped on every mutation; paginated listings cache sorted results per version. */
	version = 0;

	/** Runtime randomness (ids, tokens, e-mail codes): deterministic per seed. */
	readonly rng: Prng;
	private readonly nowFn: () => number;
	private byId = new Map<string, SimUser>();
	private byUsername = new Map<string, SimUser>();
	private byEmail = new Map<string, SimUser>();
	private byToken = new Map<string, SimUser>();
	private sessionById = new Map<string, SimSession>();

	constructor(settings: SimSettings, nowFn: () => number, seed: number) {
		this.settings = settings;
		this.nowFn = nowFn;
		this.rng = new Prng(seed * 7919 + 17);
	}

	now(): Date {
		return new Date(this.nowFn());
	}

	nowMs(): number {
		return this.nowFn();
	}

	/** Call after changing state objects directly, so cached listings are recomputed. */
	touch(): void {
		this.version++;
	}

	/** Rebuilds the lookup indexes (after direct edits of usernames, e-mails or tokens). */
	reindex(): void {
		this.byId.clear();
		this.byUsername.clear();
		this.byEmail.clear();
		this.byToken.clear();
		for (const u of this.users) this.indexUser(u);
		this.sessionById.clear();
		for (const s of this.sessions) this.sessionById.set(s.sessionId, s);
		this.touch();
	}

	private indexUser(u: SimUser): void {
		this.byId.set(u._id, u);
		this.byUsername.set(u.username.toLowerCase(), u);
		for (const e of u.emails) this.byEmail.set(e.address.toLowerCase(), u);
		for (const t of u.loginTokens) this.byToken.set(t.hashedToken, u);
	}

	userById(id: string): SimUser | undefined {
		return this.byId.get(id);
	}

	userByUsername(username: string): SimUser | undefined {
		return this.byUsername.get(username.toLowerCase());
	}

	userByEmail(email: string): SimUser | undefined {
		return this.byEmail.get(email.toLowerCase());
	}

	/** The user holding this login token or PAT (plain token in), and the token entry. */
	userByPlainToken(userId: string, plainToken: string): { user: SimUser; token: SimLoginToken } | undefined {
		const hashed = hashLoginToken(plainToken);
		const user = this.byToken.get(hashed);
		if (!user || user._id !== userId) return undefined;
		const token = user.loginTokens.find((t) => t.hashedToken === hashed);
		return token ? { user, token } : undefined;
	}

	sessionBySessionId(sessionId: string): SimSession | undefined {
		return this.sessionById.get(sessionId);
	}

	insertUser(u: SimUser): void {
		this.users.push(u);
		this.indexUser(u);
		this.touch();
	}

	setUsername(u: SimUser, username: string): void {
		this.byUsername.delete(u.username.toLowerCase());
		u.username = username;
		this.byUsername.set(username.toLowerCase(), u);
		this.touch();
	}

	setEmails(u: SimUser, emails: SimUser['emails']): void {
		for (const e of u.emails) this.byEmail.delete(e.address.toLowerCase());
		u.emails = emails;
		for (const e of u.emails) this.byEmail.set(e.address.toLowerCase(), u);
		this.touch();
	}

	addLoginToken(u: SimUser, token: SimLoginToken): void {
		u.loginTokens.push(token);
		this.byToken.set(token.hashedToken, u);
		this.touch();
	}

	/** Issues a login token (type 'login'); returns the plain token. */
	hasPermission(roles: readonly string[], permission: string): boolean {
		return hasPermission(roles, permission, this.permissions);
	}

	issueLoginToken(u: SimUser, when = this.now()): string {
		const plain = this.rng.secret();
		this.addLoginToken(u, { hashedToken: hashLoginToken(plain), type: 'login', createdAt: when });
		return plain;
	}

	/** Removes tokens matching `predicate`; sessions bound to them are marked logged out. */
	removeLoginTokens(u: SimUser, predicate: (t: SimLoginToken) => boolean, logoutBy?: string): number {
		const removed = u.loginTokens.filter(predicate);
		if (removed.length === 0) return 0;
		u.loginTokens = u.loginTokens.filter((t) => !predicate(t));
		const hashes = new Set(removed.map((t) => t.hashedToken));
		for (const h of hashes) this.byToken.delete(h);
		const now = this.now();
		for (const s of this.sessions) {
			if (s.userId === u._id && hashes.has(s.loginToken) && !s.logoutAt) {
				s.logoutAt = now;
				s.lastActivityAt = now;
				s._updatedAt = now;
				if (logoutBy) s.logoutBy = logoutBy;
			}
		}
		this.touch();
		return removed.length;
	}

	removeUser(u: SimUser): void {
		this.users = this.users.filter((x) => x !== u);
		this.byId.delete(u._id);
		this.byUsername.delete(u.username.toLowerCase());
		for (const e of u.emails) this.byEmail.delete(e.address.toLowerCase());
		for (const t of u.loginTokens) this.byToken.delete(t.hashedToken);
		this.sessions = this.sessions.filter((s) => s.userId !== u._id);
		this.sessionById.clear();
		for (const s of this.sessions) this.sessionById.set(s.sessionId, s);
		for (const room of this.rooms) {
			room.members = room.members.filter((id) => id !== u._id);
			room.owners = room.owners.filter((id) => id !== u._id);
		}
		for (const team of this.teams) team.members = team.members.filter((m) => m.userId !== u._id);
		this.touch();
	}

	audited(action: string, actorId?: string, targetId?: string, detail?: unknown): void {
		this.audit.push({ at: this.now(), action, actorId, targetId, detail });
	}

	/** Creates a user from convenient defaults; see AddUserInput. */
	addUser(input: AddUserInput = {}): Credentials & { user: SimUser } {
		const now = this.now();
		const idx = this.users.length + 1;
		const username = input.username ?? `sim.user${idx}`;
		const type = input.type ?? 'user';
		const password = input.password === null ? undefined : (input.password ?? `password-${username}`);
		const emails =
			input.emails ?? (input.email !== undefined || type === 'user' ? [{ address: input.email ?? `${username}@example.com`, verified: true }] : []);
		const mode: TwoFactorMode = input.twoFactor ?? (password ? 'password' : 'none');
		const totpSecret = mode === 'totp' ? (input.totpSecret ?? base32Encode(Buffer.from(this.rng.hex(20), 'hex'))) : undefined;
		const user: SimUser = {
			_id: input._id ?? this.rng.id(),
			username,
			name: input.name ?? username,
			emails,
			type,
			roles: input.roles ?? [type === 'user' ? 'user' : type],
			active: input.active ?? true,
			inactiveReason: input.active === false ? (input.inactiveReason ?? 'deactivated') : undefined,
			status: input.status ?? 'offline',
			statusConnection: input.status ?? 'offline',
			createdAt: input.createdAt ?? new Date(now.getTime() - 30 * DAY),
			_updatedAt: now,
			lastLogin: input.lastLogin === null ? undefined : (input.lastLogin ?? (input.withToken !== false ? now : undefined)),
			utcOffset: input.utcOffset ?? 0,
			nickname: input.nickname,
			bio: input.bio,
			statusText: input.statusText,
			language: input.language,
			customFields: input.customFields,
			password,
			totp: totpSecret ? { enabled: true, secret: totpSecret } : undefined,
			email2fa: mode === 'email' ? { enabled: true, changedAt: now } : undefined,
			loginTokens: [],
			preferences: {},
		};
		// 'none' = an account without a password service (like bots or OAuth users): no password fallback.
		if (mode === 'none') user.password = undefined;
		this.insertUser(user);
		let authToken = '';
		if (input.withToken !== false) authToken = this.addSession({ userId: user._id, loginAt: input.lastLogin ?? now }).authToken;
		return { user, userId: user._id, username, authToken, password: password ?? '', totpSecret };
	}

	/** Creates a device session bound to a (new or given) login token of the user. */
	addSession(input: AddSessionInput): { session: SimSession; authToken: string } {
		const user = this.userById(input.userId);
		if (!user) throw new Error(`addSession: unknown user ${input.userId}`);
		const loginAt = input.loginAt ?? this.now();
		let authToken = input.authToken;
		if (authToken === undefined) authToken = this.issueLoginToken(user, loginAt);
		else if (!user.loginTokens.some((t) => t.hashedToken === hashLoginToken(authToken as string)))
			this.addLoginToken(user, { hashedToken: hashLoginToken(authToken), type: 'login', createdAt: loginAt });
		const base = DEVICES[0];
		const device: SimDevice = { ...base, ...input.device, os: { ...base.os, ...input.device?.os } };
		const session = this.makeSession(user, hashLoginToken(authToken), device, input.ip ?? '127.0.0.1', loginAt);
		if (input.closed) session.closedAt = session.lastActivityAt = loginAt;
		this.sessions.push(session);
		this.sessionById.set(session.sessionId, session);
		this.touch();
		return { session, authToken };
	}

	makeSession(user: SimUser, hashedToken: string, device: SimDevice, ip: string, loginAt: Date, rng: Prng = this.rng): SimSession {
		const sessionId = rng.id();
		return {
			_id: rng.id(),
			type: 'session',
			sessionId,
			instanceId: INSTANCE_IDS[0],
			userId: user._id,
			loginToken: hashedToken,
			ip,
			host: 'chat.example.com',
			device,
			roles: user.roles,
			mostImportantRole: mostImportantRole(user.roles),
			loginAt,
			createdAt: loginAt,
			_updatedAt: loginAt,
			lastActivityAt: loginAt,
			day: loginAt.getUTCDate(),
			month: loginAt.getUTCMonth() + 1,
			year: loginAt.getUTCFullYear(),
		};
	}

	/** Session.searchTerm (what sessions/list `filter` matches); computed on demand instead of stored per session. */
	/** SAUMonitor._getSearchTerm: device name, type, OS name, session id and user id, joined without a separator. */
	searchTermOf(s: SimSession): string {
		const d = s.device;
		return [d.name, d.type, d.os?.name, s.sessionId, s.userId].filter(Boolean).join('');
	}

	addRoom(input: AddRoomInput): SimRoom {
		const members = Array.from(new Set([...(input.members ?? []), ...input.owners]));
		const room: SimRoom = {
			_id: this.rng.id(),
			name: input.name,
			t: input.t ?? 'c',
			owners: [...input.owners],
			members,
			teamMain: input.teamMain,
			teamId: input.teamId,
			createdAt: this.now(),
		};
		this.rooms.push(room);
		this.touch();
		return room;
	}

	roomById(rid: string): SimRoom | undefined {
		return this.rooms.find((r) => r._id === rid);
	}

	/** Room names are unique across channels and groups (Rooms.findOneByName). */
	roomByName(name: string): SimRoom | undefined {
		return this.rooms.find((r) => r.name === name);
	}

	/** addUserToRoom: a subscription for the user unless it has one; oldest members stay first. */
	joinRoom(room: SimRoom, userId: string): void {
		if (room.members.includes(userId)) return;
		room.members.push(userId);
		this.subscriptionExtras.set(`${room._id}${userId}`, { ts: this.now(), favorite: room.favorite === true });
		room._updatedAt = this.now();
		this.touch();
	}

	/** eraseRoom: the room, its subscriptions and, for a team's main room, the team. */
	removeRoom(rid: string): void {
		const room = this.roomById(rid);
		if (!room) return;
		for (const userId of room.members) this.subscriptionExtras.delete(`${rid}${userId}`);
		this.rooms = this.rooms.filter((r) => r._id !== rid);
		this.teams = this.teams.filter((t) => t.roomId !== rid);
		this.touch();
	}

	addTeam(input: { name: string; ownerId: string; memberIds?: string[]; type?: 0 | 1; extraOwnerIds?: string[] }): SimTeam {
		const owner = this.userById(input.ownerId);
		if (!owner) throw new Error(`addTeam: unknown owner ${input.ownerId}`);
		const now = this.now();
		const teamId = this.rng.id();
		const owners = [input.ownerId, ...(input.extraOwnerIds ?? [])];
		const room = this.addRoom({ name: input.name, t: input.type === 1 ? 'p' : 'c', owners, members: input.memberIds, teamMain: true, teamId });
		const team: SimTeam = {
			_id: teamId,
			name: input.name,
			type: input.type ?? 0,
			createdAt: now,
			_updatedAt: now,
			createdBy: { _id: owner._id, username: owner.username },
			roomId: room._id,
			members: room.members.map((userId) => ({ userId, roles: owners.includes(userId) ? ['owner', 'member'] : ['member'] })),
		};
		this.teams.push(team);
		this.touch();
		return team;
	}

	/**
	 * Rooms where the user is the only owner: rooms with other members need a new owner,
	 * rooms where the user is alone would be removed (Rocket.Chat's getUserSingleOwnedRooms).
	 */
	singleOwnedRooms(userId: string): { shouldChangeOwner: string[]; shouldBeRemoved: string[] } {
		const result = { shouldChangeOwner: [] as string[], shouldBeRemoved: [] as string[] };
		for (const room of this.rooms) {
			if (room.owners.length !== 1 || room.owners[0] !== userId) continue;
			const label = room.fname ?? room.name;
			if (room.members.some((m) => m !== userId)) result.shouldChangeOwner.push(label);
			else result.shouldBeRemoved.push(label);
		}
		return result;
	}

	/**
	 * What deleteUser / setUserActiveStatus do with confirmRelinquish (relinquishRoomOwnerships): the oldest
	 * other member becomes an owner too, rooms without other members are removed. The leaving user keeps its own
	 * owner role; deleting the user drops it with the subscription (removeUser), deactivating does not.
	 */
	relinquishRooms(userId: string): void {
		const removed = new Set<string>();
		for (const room of this.rooms) {
			if (!room.members.includes(userId)) continue;
			if (room.owners.length === 1 && room.owners[0] === userId) {
				const heir = room.members.find((m) => m !== userId);
				if (heir) room.owners = [...room.owners, heir];
				else removed.add(room._id);
			}
		}
		this.rooms = this.rooms.filter((r) => !removed.has(r._id));
		this.teams = this.teams.filter((t) => !removed.has(t.roomId));
		this.touch();
	}
}

/** Fills the state with credential users and N pseudo-random users; same seed + same clock → same state. */
export function seedState(state: SimState, opts: SeedOptions): { admin: Credentials; plainUser: Credentials; totpUser: Credentials } {
	const rng = new Prng(opts.seed);
	const now = opts.nowMs;
	const usedNames = new Map<string, number>();
	const uniqueUsername = (base: string): string => {
		const n = usedNames.get(base) ?? 0;
		usedNames.set(base, n + 1);
		return n === 0 ? base : `${base}${n + 1}`;
	};

	const credential = (username: string, name: string, roles: string[], password: string, createdDaysAgo: number, totp: boolean): Credentials => {
		usedNames.set(username, 1);
		const createdAt = new DateCtor(now - createdDaysAgo * DAY);
		const lastLogin = new DateCtor(now - 3_600_000);
		const totpSecret = totp ? base32Encode(BufferCtor.from(rng.hex(20), 'hex')) : undefined;
		const user: SimUser = {
			_id: rng.id(),
			username,
			name,
			emails: [{ address: `${username}@example.com`, verified: true }],
			type: 'user',
			roles,
			active: true,
			status: 'online',
			statusConnection: 'online',
			createdAt,
			_updatedAt: lastLogin,
			lastLogin,
			utcOffset: 0,
			password,
			totp: totpSecret ? { enabled: true, secret: totpSecret } : undefined,
			loginTokens: [],
			preferences: {},
		};
		state.insertUser(user);
		const authToken = rng.secret();
		state.addLoginToken(user, { hashedToken: hashLoginToken(authToken), type: 'login', createdAt: lastLogin });
		const session = state.makeSession(user, hashLoginToken(authToken), DEVICES[0], '127.0.0.1', lastLogin, rng);
		state.sessions.push(session);
		return { userId: user._id, username, authToken, password, totpSecret };
	};

	const admin = credential('admin', 'Administrator', ['user', 'admin'], 'admin-password', 400, false);
	const plainUser = credential('plain.user', 'Plain User', ['user'], 'plain-password', 200, false);
	const totpUser = credential('totp.admin', 'TOTP Admin', ['user', 'admin'], 'totp-password', 300, true);

	// Seeded users, tokens and sessions are pushed directly and indexed once at the end (fast for 100k users).
	for (let i = 0; i < opts.users; i++) {
		const type = rng.weighted(TYPE_WEIGHTS);
		let username: string;
		let name: string;
		if (type === 'user') {
			const first = rng.pick(FIRST);
			const last = rng.pick(LAST);
			name = `${first} ${last}`;
			username = uniqueUsername(slug(`${first}.${last}`));
		} else {
			const base = rng.pick(BOT_NAMES);
			name = `${base[0].toUpperCase()}${base.slice(1)} ${type === 'bot' ? 'Bot' : 'App'}`;
			username = uniqueUsername(`${base}.${type}`);
		}
		const roles = type === 'user' ? [...rng.weighted(ROLE_WEIGHTS)] : [type];
		const createdAt = new DateCtor(now - floor(rng.next() * 365 * DAY));
		const pending = type === 'user' && rng.chance(0.02);
		const neverLoggedIn = pending || rng.chance(0.13);
		const lastLogin = neverLoggedIn ? undefined : new DateCtor(now - floor((now - createdAt.getTime()) * rng.next() ** 2));
		let active = true;
		let inactiveReason: InactiveReason | undefined;
		if (pending) {
			active = false;
			inactiveReason = 'pending_approval';
		} else if (rng.chance(0.1)) {
			active = false;
			inactiveReason = rng.weighted(REASON_WEIGHTS);
		}
		const recent = lastLogin !== undefined && now - lastLogin.getTime() < DAY;
		const status: UserStatus = active && recent ? rng.weighted(STATUS_WEIGHTS) : 'offline';
		const hasPassword = type === 'user';
		const mode: TwoFactorMode = hasPassword ? rng.weighted(MODE_WEIGHTS) : 'none';
		const verified = type === 'user' ? mode === 'email' || rng.chance(0.85) : true;
		const user: SimUser = {
			_id: rng.id(),
			username,
			name,
			emails: type === 'user' || rng.chance(0.5) ? [{ address: [username, rng.pick(DOMAINS)].join('@'), verified }] : [],
			type,
			roles,
			active,
			inactiveReason,
			status,
			statusConnection: status,
			createdAt,
			_updatedAt: lastLogin ?? createdAt,
			lastLogin,
			utcOffset: rng.pick(UTC_OFFSETS),
			nickname: rng.chance(0.2) ? name.split(' ')[0].toLowerCase() : undefined,
			bio: rng.chance(0.1) ? `Hi, I am ${name}.` : undefined,
			statusText: rng.chance(0.15) ? rng.pick(STATUS_TEXTS) : undefined,
			language: rng.chance(0.3) ? rng.pick(LANGUAGES) : undefined,
			password: hasPassword ? ['password', username].join('-') : undefined,
			totp: mode === 'totp' ? { enabled: true, secret: base32Encode(BufferCtor.from(rng.hex(20), 'hex')) } : undefined,
			email2fa: mode === 'email' ? { enabled: true, changedAt: createdAt } : undefined,
			loginTokens: [],
			preferences: {},
		};
		state.users.push(user);

		if (lastLogin) {
			const count = type === 'user' ? rng.int(1, 3) : rng.int(0, 1);
			for (let s = 0; s < count; s++) {
				// The newest session is the last login; older ones spread back towards account creation.
				const loginAt = s === 0 ? lastLogin : new DateCtor(lastLogin.getTime() - floor(rng.next() * min(90 * DAY, lastLogin.getTime() - createdAt.getTime())));
				// Nobody knows the plain token of a seeded session, so a random hash-shaped string is enough.
				const hashed = [rng.secret(), '='].join('');
				const ip = rng.chance(0.5) ? [10, rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)].join('.') : ['203.0.113', rng.int(1, 254)].join('.');
				const session = state.makeSession(user, hashed, rng.pick(DEVICES), ip, loginAt, rng);
				session.instanceId = INSTANCE_IDS[rng.int(0, 1)];
				session.lastActivityAt = new DateCtor(min(now, loginAt.getTime() + rng.int(1, 8 * 3600) * 1000));
				session._updatedAt = session.lastActivityAt;
				const roll = rng.next();
				if (roll < 0.08) {
					session.logoutAt = session.lastActivityAt; // logged out: token gone, not listed any more
				} else {
					if (roll < 0.23) session.closedAt = session.lastActivityAt;
					user.loginTokens.push({ hashedToken: hashed, type: 'login', createdAt: loginAt });
				}
				state.sessions.push(session);
			}
		}
	}

	state.reindex();
	seedRoomsAndTeams(state, rng, admin.userId, plainUser.userId);
	return { admin, plainUser, totpUser };
}

function seedRoomsAndTeams(state: SimState, rng: Prng, adminId: string, plainUserId: string): void {
	const humans = state.users.filter((u) => u.type === 'user' && u._id !== adminId && u._id !== plainUserId);
	if (humans.length === 0) return;
	const roomCount = Math.max(3, Math.floor(humans.length / 20));
	for (let i = 0; i < roomCount; i++) {
		const owner = rng.pick(humans);
		const alone = rng.chance(0.2);
		const members = alone ? [] : Array.from({ length: rng.int(1, 8) }, () => rng.pick(humans)._id);
		const owners = !alone && rng.chance(0.2) ? [owner._id, members[0]] : [owner._id];
		const room = state.addRoom({ name: `room-${i + 1}`, t: rng.chance(0.7) ? 'c' : 'p', owners, members });
		room.createdAt = owner.createdAt;
	}
	const teamCount = Math.max(1, Math.floor(humans.length / 100));
	for (let i = 0; i < teamCount; i++) {
		const owner = rng.pick(humans);
		const memberIds = Array.from({ length: rng.int(1, 9) }, () => rng.pick(humans)._id);
		if (i === 0) memberIds.push(plainUserId);
		const team = state.addTeam({ name: `team-${i + 1}`, ownerId: owner._id, memberIds, type: rng.chance(0.7) ? 0 : 1 });
		team.createdAt = team._updatedAt = owner.createdAt;
	}
	// The admin co-owns one team, so it is a member of something but never the last owner.
	const core = state.addTeam({ name: 'core-team', ownerId: adminId, memberIds: [humans[0]._id], extraOwnerIds: [humans[0]._id] });
	core.createdAt = core._updatedAt = humans[0].createdAt;
	for (const room of state.rooms) if (room._id === core.roomId) room.createdAt = core.createdAt;
}
