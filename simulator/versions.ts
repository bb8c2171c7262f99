/**
 * Every version-dependent behaviour of the simulator, named once, with the releases where it holds and the evidence.
 * Routes ask `has(ctx.version, 'name')`; nothing else in the simulator compares versions.
 *
 * A behaviour holds at version V when V >= `since`, or when V is on a patch line (major.minor) listed in `backports`
 * at or above that patch, and V < `until` when a later release took it away again. Versions are full x.y.z;
 * a shorter one ("8.5") counts as patch 0 of its line.
 */

export interface VersionedBehaviour {
	/** First release of the main line with the behaviour (x.y.z). */
	since: string;
	/** Patch releases of older lines that received it (x.y.z each). */
	backports?: readonly string[];
	/** First release without it again (a regression fixed, a behaviour removed). */
	until?: string;
	/** What a client sees. */
	what: string;
	/** PR / release notes / source the pin rests on; "unpinned" says how the release was chosen. */
	evidence: string;
}

export const VERSION_TABLE = {
	apiErrorFormatV2: {
		since: '9.0.0',
		what:
			'shouldBreakInVersion: the 401 body loses the legacy `status`/`message` keys, API.v1.forbidden() says "forbidden" instead of "unauthorized", ' +
			'a thrown error-unauthorized answers 401 (was 403) and error-forbidden 403 (was 400)',
		evidence:
			"every 8.x ApiClass checks shouldBreakInVersion('9.0.0') (RocketChat/Rocket.Chat#36647 moved the target from 8.0.0); #41589/#41590 (July 2026) still wait for the 9.0.0 flag; release 9.0.0",
	},
	refusalsAre403: {
		since: '9.0.0',
		what: 'Meteor errors error-not-allowed, not-allowed, not-authorized, not_authorized, no-permission, error-not-authorized-federation answer 403 errorType "error-forbidden" (was 400 with the code)',
		evidence: 'RocketChat/Rocket.Chat#43214 (release 9.0.0-rc.3 notes)',
	},
	permissionsMiddleware: {
		since: '8.3.0',
		what:
			'the route wrapper runs as middlewares: authentication → permissionsRequired → licence → (rate limit → validateParams → 2FA → action), ' +
			'so a missing permission is refused before bad parameters, and sessions/* without the device-management licence answer the licence 400 only to a permitted caller; ' +
			'before, the app/api/server ApiClass checked the route’s `license` option before anything else (anonymous calls included), then auth → rate limit → validateParams → permissions → 2FA',
		evidence:
			'permissions middleware extracted in RocketChat/Rocket.Chat#39351 (merged 2026-03-05, before 8.3.0); apps/meteor/server/api/ApiClass.ts@b2da2544 vs app/api/server/ApiClass.ts@019378e3. 8.0–8.2 unpinned (no source), open question Q2',
	},
	getAvatarRequiresAuth: {
		since: '8.1.0',
		what: 'users.getAvatar needs authentication (401 "You must be logged in to do this." without it)',
		evidence: 'RocketChat/Rocket.Chat#38088 (security fix merged 2026-01-07, after the 8.0.0 cut); a silent 8.0.x hotfix cannot be ruled out (open question Q8)',
	},
	createTokenNeedsSecret: {
		since: '8.0.0',
		what: 'users.createToken needs `secret` equal to CREATE_TOKENS_FOR_USERS_SECRET (invalid-params without it); CREATE_TOKENS_FOR_USERS alone no longer works',
		evidence: 'release 8.0.0 notes; Rocket.Chat-Open-API changelog (user-management.yaml@c9aec5ab)',
	},
	createTokenNeedsPermissionForOthers: {
		since: '8.7.0',
		backports: ['8.0.8', '8.1.7', '8.2.7', '8.3.7', '8.4.5', '8.5.2', '8.6.1'],
		what: 'users.createToken for another user needs user-generate-access-token again (error-not-authorized without it)',
		evidence: 'RocketChat/Rocket.Chat#41292 (8.6.1), #41293 (8.5.2), #41294 (8.4.5), #41295 (8.3.7), #41296 (8.2.7), #41297 (8.1.7), #41298 (8.0.8); Open-API changelog 8.7.0',
	},
	passwordServiceAsBoolean: {
		since: '8.0.0',
		what: 'getFullUserData shows one’s own services.password as `true` instead of the bcrypt hash',
		evidence: 'getFullUserData of the 8.x source; unchanged before this table was introduced',
	},
	emailLookup: {
		since: '8.4.0',
		what: 'users.info accepts `email`; users.list filters by `email` (exact, case-insensitive); before, users.info refuses it and users.list ignores it',
		evidence: 'Rocket.Chat-Open-API changelog 8.4.0',
	},
	freeSwitchExtensionLookup: {
		since: '8.5.0',
		what: 'users.info accepts `freeSwitchExtension`',
		evidence: 'Rocket.Chat-Open-API changelog 8.5.0',
	},
	deactivateIdleRevokesTokens: {
		since: '8.5.0',
		backports: ['8.2.4', '8.4.2'],
		what: 'users.deactivateIdle removes the login tokens (PATs included) of the users it deactivates',
		evidence: 'RocketChat/Rocket.Chat#40496 (8.5.0), backports #40559 (8.4.2, release notes) and #40564 (8.2.4)',
	},
	twoFactorBypassIgnored: {
		since: '8.5.0',
		until: '8.6.0',
		what: 'REST checks 2FA before the token is known: tokens made with "Ignore Two Factor Authentication" are challenged, and a remembered code does not carry over to the next request',
		evidence: 'regression from RocketChat/Rocket.Chat#38017 (8.5.0), fixed by #41065 (release 8.6.0 notes); no 8.5.x backport found (8.5.2, 8.5.5, 8.5.6 notes seen)',
	},
	newUserGraceOnDisableRememberMe: {
		since: '8.6.0',
		what:
			'the 2FA grace for an account created less than Accounts_TwoFactorAuthentication_RememberFor seconds ago is checked before the disableRememberMe test, so it also covers ' +
			'users.2fa.disableEmail, users.resetTOTP, users.resetE2EKey (never requireSecondFactor routes); before, those routes asked a new account too',
		evidence:
			'RocketChat/Rocket.Chat#41061 (merged 2026-06-23, before 8.6.0-rc.0: "move the post-registration grace-window check above the disableRememberMe early-return"); ' +
			'the restriction to accounts without a second factor was only proposed in #41076, closed unmerged',
	},
	statusExpiry: {
		since: '8.6.0',
		what: 'users.setStatus reads `expiresAt`; users.getStatus answers statusSource / statusExpiresAt',
		evidence: 'Rocket.Chat-Open-API changelog 8.6.0 (Open-API PR #234)',
	},
	preferencesUtcOffset: {
		since: '8.6.0',
		what: 'users.setPreferences accepts data.utcOffset',
		evidence: 'Rocket.Chat-Open-API changelog 8.6.0 (Open-API PR #234)',
	},
	sessionsCurrentFlag: {
		since: '8.7.0',
		what: 'sessions/list and sessions/list.all mark the entry of the calling login token with current: true',
		evidence: 'RocketChat/Rocket.Chat#40351 (release 8.7.0-rc.0 notes)',
	},
	preferencesStatusVisibilityDenied: {
		since: '8.8.0',
		what: 'users.setPreferences accepts data.statusVisibilityDenied (user ids one hides one’s status from; own preferences only; status visibility is the Premium setting Accounts_StatusVisibility_Enabled)',
		evidence: 'RocketChat/Rocket.Chat#41747 (merged 2026-08-11, before 8.8.0-rc.0), Rocket.Chat-Open-API#257 (8.8 changelog)',
	},
	routeRateLimits: {
		since: '8.6.0',
		what: 'per-route limits while the rate limiter is on: users.setStatus 5 calls / 60 s, users.updateOwnBasicInfo 1 call / 60 s (per client address and route; api-bypass-rate-limit holders are not limited)',
		evidence:
			'unpinned: rateLimiterOptions in every available source from the 8.6 era on (apps/meteor/server/api/v1/users.ts@b0e30e75, @00e428ca), absent from the older app/api/server/v1/users.ts; 8.6.0 is the earliest release with such a source (open question Q12)',
	},
	listEmailNeedsFullInfo: {
		since: '9.0.0',
		what: 'users.list with an `email` filter needs view-full-other-user-info (API.v1.forbidden() without it)',
		evidence:
			'unpinned: in apps/meteor/server/api/v1/users.ts@00e428ca (develop after 8.7, before the 9.0 cut), so 9.0.0 has it; 8.8 or 8.9 (even 8.4) may have it already (open question Q1, second probe)',
	},
	createTwoFactorGated: {
		since: '9.0.0',
		what: 'users.create and users.createToken are twoFactorRequired',
		evidence:
			'unpinned: absent in apps/meteor/server/api/v1/users.ts@b0e30e75 (8.6 era), present in @00e428ca (develop after 8.7, before the 9.0 cut), proposed by #41388 (2026-07-15); 9.0.0 has it, 8.8 or 8.9 may already (open question Q7)',
	},
	requestDataDownloadFullAnswer: {
		since: '9.0.0',
		what: 'users.requestDataDownload answers what requestDataDownload returns: also `url` (null until a file exists) and `pendingOperationsBeforeMyRequest`; before, only `requested` and `exportOperation`',
		evidence:
			'unpinned: the REST route of every available 7.x–8.7 source picks requested/exportOperation only; the newest develop client code reads url and pendingOperationsBeforeMyRequest from the REST answer (open question Q17)',
	},
	autocompleteConditionOperators: {
		since: '9.0.0',
		what: 'users.autocomplete accepts $and, $ne and $exists in `conditions` (any other operator, $or included, answers error-invalid-query); before, $and and $or',
		evidence: 'unpinned: the newest develop source; the 8.x sources allow $or and $and (isValidQuery(conditions, [\'*\'], [\'$or\', \'$and\'])) (open question Q18)',
	},
	totpRestRoutes: {
		since: '8.8.0',
		what: 'the /v1/users.totp.* routes (enable, disable, validate, regenerateCodes, codesRemaining) exist; before, only the DDP methods 2fa:* did (404)',
		evidence:
			'RocketChat/Rocket.Chat#40734 and its changeset (merged 2026-06-29 on develop, shipped in 8.8.0); Rocket.Chat-Open-API#259 "8.8 Document REST endpoint migrations" (names them users.enableTotp & co., open question Q6)',
	},
} as const satisfies Record<string, VersionedBehaviour>;

export type Behaviour = keyof typeof VERSION_TABLE;

/** The newest release the simulator models; its default version. */
export const NEWEST_RELEASE = '9.0.1';

/** Releases the conformance suite runs at besides the switch points: the end-of-life LTS and the supported LTS lines. */
export const MODELLED_LINES = { endOfLife: '7.10.0', lts: ['8.5.6', '8.9.2'], newest: NEWEST_RELEASE } as const;

type Triple = [number, number, number];

function parse(version: string): Triple {
	const parts = version.split('.').map((p) => parseInt(p, 10));
	if (!Number.isFinite(parts[0])) throw new Error(`not a Rocket.Chat version: ${version}`);
	return [parts[0], Number.isFinite(parts[1]) ? parts[1] : 0, Number.isFinite(parts[2]) ? parts[2] : 0];
}

function compare(a: Triple, b: Triple): number {
	return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether the server at `version` shows `behaviour` (see the table). */
export function has(version: string, behaviour: Behaviour): boolean {
	const def: VersionedBehaviour = VERSION_TABLE[behaviour];
	const v = parse(version);
	if (def.until && compare(v, parse(def.until)) >= 0) return false;
	if (compare(v, parse(def.since)) >= 0) return true;
	return (def.backports ?? []).some((b) => {
		const p = parse(b);
		return p[0] === v[0] && p[1] === v[1] && v[2] >= p[2];
	});
}

/**
 * The versions where some behaviour switches on or off (each `since`, backport and `until`), oldest first:
 * the conformance suite runs at each of them.
 */
export function switchVersions(): string[] {
	const all = new Set<string>();
	for (const def of Object.values(VERSION_TABLE) as VersionedBehaviour[]) {
		all.add(def.since);
		for (const b of def.backports ?? []) all.add(b);
		if (def.until) all.add(def.until);
	}
	return [...all].sort((a, b) => compare(parse(a), parse(b)));
}
