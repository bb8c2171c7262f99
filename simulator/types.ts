/** Public types of the Rocket.Chat simulator (state model, options, request log). */
import type { MultipartPart } from './multipart';
import type { RemoteUrls } from './remote';

export type UserType = 'user' | 'bot' | 'app';
export type UserStatus = 'online' | 'away' | 'busy' | 'offline';
export type InactiveReason = 'deactivated' | 'pending_approval' | 'idle_too_long';
/** Convenience label for a user's second factor; 'password' = the server's password fallback. */
export type TwoFactorMode = 'password' | 'totp' | 'email' | 'none';

export interface SimEmail {
	address: string;
	verified: boolean;
}

/** An entry of services.resume.loginTokens: a login token or a personal access token (PAT). */
export interface SimLoginToken {
	hashedToken: string;
	type: 'login' | 'personalAccessToken';
	/** Login tokens: issue time ("when"). PATs: createdAt. */
	createdAt: Date;
	name?: string;
	lastTokenPart?: string;
	bypassTwoFactor?: boolean;
	/** 2FA "remember me" window set after a successful code (Accounts_TwoFactorAuthentication_RememberFor). */
	twoFactorAuthorizedUntil?: Date;
	twoFactorAuthorizedHash?: string;
}

export interface SimEmailCode {
	code: string;
	expire: Date;
	invalidAttempts: number;
}

export interface SimAvatar {
	/** 'upload': multipart `image`; 'url': downloaded from users.setAvatar's `avatarUrl`. */
	origin: 'upload' | 'url';
	etag: string;
	/** The stored image, served as is by the avatar routes. */
	data?: Buffer;
	contentType?: string;
	/** origin 'url': the URL it was downloaded from. */
	url?: string;
	service?: string;
	updatedAt: Date;
}

export interface SimUser {
	_id: string;
	username: string;
	name: string;
	emails: SimEmail[];
	type: UserType;
	roles: string[];
	active: boolean;
	inactiveReason?: InactiveReason;
	status: UserStatus;
	statusDefault?: UserStatus;
	statusConnection: UserStatus;
	statusText?: string;
	statusSource?: string;
	statusExpiresAt?: Date;
	createdAt: Date;
	_updatedAt: Date;
	lastLogin?: Date;
	utcOffset: number;
	nickname?: string;
	bio?: string;
	language?: string;
	customFields?: Record<string, unknown>;
	/** Plain password (fake accounts). Undefined = no password service (bots, apps, OAuth users): no password fallback. */
	password?: string;
	requirePasswordChange?: boolean;
	totp?: { enabled: boolean; secret: string };
	email2fa?: { enabled: boolean; changedAt: Date };
	emailCode?: SimEmailCode;
	loginTokens: SimLoginToken[];
	/** Only preferences explicitly saved (settings.preferences); users.getPreferences answers these, /me merges the defaults. */
	preferences: Record<string, unknown>;
	/** No `settings` field yet (users.create / users.register make none): users.getPreferences refuses until preferences are saved. */
	noSettings?: boolean;
	avatar?: SimAvatar;
	e2eKeyResetAt?: Date;
	totpResetAt?: Date;
	freeSwitchExtension?: string;
	importId?: string;
	reason?: string;
	/** The last invite token the user used (useInviteToken); never listed by users.list. */
	inviteToken?: string;
}

export interface SimDevice {
	type: string;
	name: string;
	longVersion: string;
	os: { name: string; version: string };
	version: string;
}

export interface SimSession {
	_id: string;
	type: 'session';
	sessionId: string;
	instanceId: string;
	userId: string;
	/** Hashed login token of the user this session belongs to. */
	loginToken: string;
	ip: string;
	host: string;
	device: SimDevice;
	roles: string[];
	mostImportantRole: string;
	loginAt: Date;
	createdAt: Date;
	_updatedAt: Date;
	lastActivityAt?: Date;
	closedAt?: Date;
	/** Set when the session was logged out (sessions/logout*, token removal); such sessions are no longer listed. */
	logoutAt?: Date;
	logoutBy?: string;
	day: number;
	month: number;
	year: number;
}

export interface SimRoom {
	_id: string;
	name: string;
	fname?: string;
	t: 'c' | 'p';
	/** User ids holding the room "owner" role. */
	owners: string[];
	/** User ids with a subscription, oldest first (the order relinquishing picks the new owner in). */
	members: string[];
	teamId?: string;
	teamMain?: boolean;
	/** A team room new team members join (teams.updateRoom isDefault). */
	teamDefault?: boolean;
	/** A default room new users join (rooms.saveRoomSettings `default`, users.create joinDefaultChannels). */
	default?: boolean;
	/** rooms.saveRoomSettings `favorite`: new users' subscriptions start as favourites. */
	favorite?: boolean;
	/** The creator (room.u); rooms built through the state have none. */
	createdBy?: { _id: string; username: string };
	createdAt: Date;
	_updatedAt?: Date;
}

/** A subscription's own fields beyond membership (Subscriptions collection). */
export interface SimSubscriptionExtra {
	ts: Date;
	favorite: boolean;
}

/** An invite link (Invites collection); its _id is the token useInviteToken takes. */
export interface SimInvite {
	_id: string;
	rid: string;
	userId: string;
	createdAt: Date;
	_updatedAt: Date;
	expires: Date | null;
	days: number;
	maxUses: number;
	uses: number;
}

export interface SimTeam {
	_id: string;
	name: string;
	type: 0 | 1;
	createdAt: Date;
	_updatedAt: Date;
	createdBy: { _id: string; username: string };
	roomId: string;
	members: Array<{ userId: string; roles: string[] }>;
}

export interface SimRole {
	_id: string;
	name: string;
	scope: 'Users' | 'Subscriptions';
	description: string;
	protected: boolean;
	mandatory2fa: boolean;
}

export interface SentEmailCode {
	userId: string;
	to: string[];
	code: string;
	expire: Date;
	at: Date;
}

export interface SentEmail {
	kind: 'welcome' | 'forgotPassword';
	to: string;
	userId?: string;
	at: Date;
}

export interface UserReport {
	_id: string;
	reportedUserId: string;
	reportedById: string;
	description: string;
	ts: Date;
}

export interface DataDownloadRequest {
	_id: string;
	userId: string;
	fullExport: boolean;
	status: 'preparing' | 'pending' | 'completed';
	createdAt: Date;
	_updatedAt: Date;
}

export interface AuditEntry {
	at: Date;
	action: string;
	actorId?: string;
	targetId?: string;
	detail?: unknown;
}

/** Switches that mirror Rocket.Chat settings/licences; mutable at runtime through sim.state.settings. */
export interface SimSettings {
	serverVersion: string;
	/** Accounts_TwoFactorAuthentication_Enabled */
	twoFactorEnabled: boolean;
	/** Accounts_TwoFactorAuthentication_Enforce_Password_Fallback */
	enforcePasswordFallback: boolean;
	/** Accounts_TwoFactorAuthentication_RememberFor (seconds; 0 disables). */
	twoFactorRememberForSeconds: number;
	/** Accounts_TwoFactorAuthentication_By_Email_Code_Expiration (seconds). */
	emailCodeExpirationSeconds: number;
	/** Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts */
	maxInvalidEmailCodeAttempts: number;
	deviceManagementLicence: boolean;
	/** Accounts_AllowDeleteOwnAccount */
	allowDeleteOwnAccount: boolean;
	/** CREATE_TOKENS_FOR_USERS_SECRET (8.0+); undefined = users.createToken refuses every secret. */
	createTokenSecret?: string;
	/** CREATE_TOKENS_FOR_USERS=true (before 8.0); false = users.createToken refuses. */
	createTokensForUsers: boolean;
	/** FileUpload_MaxFileSize (bytes). */
	maxFileSize: number;
	/** Accounts_LoginExpiration (days). */
	loginExpirationDays: number;
	/** Accounts_AvatarBlockUnauthenticatedAccess: /avatar/… serves the letter fallback without rc_uid/rc_token. */
	avatarBlockUnauthenticatedAccess: boolean;
	/** What a URL answers when the server downloads it (users.setAvatar avatarUrl); none: no network. */
	remoteUrls?: RemoteUrls;
	/**
	 * REST paths gated by 2FA beyond the released routes' own gates, to model a newer server (the open change that
	 * gates users.create and users.createToken).
	 */
	extraTwoFactorGates: string[];
}

export interface RateLimitConfig {
	calls: number;
	windowMs: number;
}

export type FaultKind = '429' | '502' | '503' | '504' | 'reset';

export interface FaultOptions {
	/** Probability (0..1) that a matching request gets a fault. */
	probability: number;
	kinds: FaultKind[];
	/** Only these HTTP methods (default all). */
	methods?: string[];
	/** Only these paths: exact strings (with or without /api/v1/ prefix) or regexes. */
	paths?: Array<string | RegExp>;
	/** PRNG seed so the same sequence of requests gets the same faults. */
	seed?: number;
	/** 5xx and 'reset': apply the request first, then fail (429 is never applied). */
	afterApply?: boolean;
}

export interface FailNextOptions {
	afterApply?: boolean;
}

export interface LoggedRequest {
	seq: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	ip: string;
	/** Parsed JSON / urlencoded body, or undefined. */
	body?: unknown;
	/** Parts of a multipart/form-data body. */
	parts?: MultipartPart[];
	/** HTTP status answered; null when the socket was destroyed ('reset'). */
	status: number | null;
	fault?: FaultKind;
	/** Whether the handler ran (false for faults injected before applying). */
	applied: boolean;
	/** Simulator clock (ms) when the request arrived. */
	time: number;
	durationMs: number;
}
