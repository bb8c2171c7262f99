/**
 * Tokens and second factors: preferences, personal access tokens (PATs), e-mail 2FA, TOTP and E2E key resets,
 * logging out, users.createToken, data downloads and the tokens a deactivation revokes. Cases follow the `it` of
 * Rocket.Chat's REST tests (apps/meteor/tests/end-to-end/api/users.ts) or, where there is none, the server source
 * (apps/meteor/app/api/server/v1/users.ts and the functions it calls).
 *
 * Upstream runs with TEST_MODE, which skips every second-factor check; here the second factor is the password
 * (x-2fa-method: password), so each group turns the e-mail auto opt-in off before it creates users: otherwise new
 * users get e-mail 2FA (insertUserDoc) and a code would go out by mail.
 */
import assert from 'node:assert/strict';

import { invalidParams, permissionRefused, refused, ruleRefused, succeeded } from '../lib/assert';
import { GATED_ON_NEWER_RELEASES, type Actor, type Answer, type CallOptions } from '../lib/client';
import { USER_PREFIX } from '../lib/control';
import { e2e, fn, serverHas, sharedUser, type CaseContext, type CaseGroup, type ConformanceCase } from '../lib/suite';
import { withPermissions, withSettings } from './accounts';

const USERS_API = 'apps/meteor/app/api/server/v1/users.ts';
const PAT_METHODS = 'apps/meteor/imports/personal-access-tokens/server/api/methods';
const CHECK_CODE = 'apps/meteor/app/2fa/server/code/index.ts';
const CREATE_TOKEN = 'apps/meteor/app/lib/server/methods/createToken.ts';
const RESET_TOTP = 'apps/meteor/app/2fa/server/functions/resetTOTP.ts';
const RESET_E2E = 'apps/meteor/server/lib/resetUserE2EKey.ts';
const DATA_DOWNLOAD = 'apps/meteor/server/methods/requestDataDownload.ts';

const post = (ctx: CaseContext, path: string, body: unknown, options: CallOptions = {}) =>
	ctx.client.call('POST', path, { twoFactor: GATED_ON_NEWER_RELEASES.has(path), ...options, body });
const get = (ctx: CaseContext, path: string, query: Record<string, string | number> = {}, options: CallOptions = {}) => ctx.client.call('GET', path, { ...options, query });

/** Whether the token still authenticates (GET /me). */
async function alive(ctx: CaseContext, as: Actor): Promise<boolean> {
	const res = await get(ctx, 'me', {}, { as });
	if (res.status !== 200 && res.status !== 401) assert.fail(`me answered ${res.status} ${JSON.stringify(res.body)}`);
	return res.status === 200;
}

/**
 * From 8.6 (#41061) the grace after registration comes before the disableRememberMe test, so a just-created account
 * passes users.2fa.disableEmail / resetTOTP / resetE2EKey without a code (on 8.5.x REST ignores the grace entirely).
 */
const graceBeforeRememberTest = (ctx: CaseContext) => serverHas(ctx, 'newUserGraceOnDisableRememberMe');

/** The server remembers a second factor per token + user-agent + IP: a user-agent nobody used is asked again. */
let freshClients = 0;
const freshClient = () => ({ 'user-agent': `conformance-fresh-client-${Date.now()}-${++freshClients}` });


/** 2FA on with the password fallback and e-mail 2FA available; users the group creates get no e-mail 2FA. */
async function passwordSecondFactor(ctx: CaseContext): Promise<void> {
	await ctx.control.setSetting('Accounts_TwoFactorAuthentication_Enabled', true);
	await ctx.control.setSetting('Accounts_TwoFactorAuthentication_Enforce_Password_Fallback', true);
	await ctx.control.setSetting('Accounts_TwoFactorAuthentication_By_Email_Enabled', true);
	await ctx.control.setSetting('Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In', false);
}

/**
 * A refusal of a route that answers a token on success: a success fails the case without printing the answer,
 * so the token never reaches the test output.
 */
function refusedToken(res: Answer, status: number, error?: string): void {
	if (res.status === 200) assert.fail('a token was issued where the server should refuse');
	refused(res, status, error);
}

/** A second-factor challenge; `method` when the case knows which factor the user has. */
function totpRequired(res: Answer, method?: string): void {
	refusedToken(res, 400);
	assert.equal(res.body.errorType, 'totp-required');
	if (method) assert.equal(res.body.details?.method, method);
}

const asToken = (user: Actor, authToken: string): Actor => ({ userId: user.userId, authToken, password: user.password });

async function generatePat(ctx: CaseContext, as: Actor, tokenName: string, extra: Record<string, unknown> = {}): Promise<Actor> {
	const res = succeeded(await post(ctx, 'users.generatePersonalAccessToken', { tokenName, ...extra }, { as, twoFactor: true }));
	assert.equal(typeof res.body.token, 'string');
	return asToken(as, res.body.token);
}

async function patsOf(ctx: CaseContext, as: Actor): Promise<Array<{ name: string; createdAt: string; lastTokenPart: string; bypassTwoFactor: boolean }>> {
	return succeeded(await get(ctx, 'users.getPersonalAccessTokens', {}, { as })).body.tokens;
}

/* ------------------------------------------------------------------ users.setPreferences / users.getPreferences */

/** Preferences of the isUsersSetPreferencesParamsPOST schema, away from their defaults. */
const SOME_PREFERENCES = { useEmojis: false, hideRoles: true, sidebarViewMode: 'condensed', idleTimeLimit: 600, notificationsSoundVolume: 40, sendOnEnter: 'desktop' };

const setPreferences = (ctx: CaseContext, data: Record<string, unknown>, options: { as?: Actor; userId?: string } = {}) =>
	post(ctx, 'users.setPreferences', { ...(options.userId ? { userId: options.userId } : {}), data }, { as: options.as });

const preferenceCases: ConformanceCase[] = [
	{
		endpoint: 'users.setPreferences',
		title: 'utcOffset is a preference from 8.6, statusVisibilityDenied from 8.8 (#41747); before, the schema refuses them',
		source: { file: 'packages/rest-typings/src/v1/users/UsersSetPreferenceParamsPOST.ts', fn: 'isUsersSetPreferencesParamsPOST (Open-API 8.6 / 8.8 changelog)' },
		async run(ctx) {
			const self = sharedUser(ctx, 'self');
			for (const [behaviour, data] of [
				['preferencesUtcOffset', { utcOffset: 1 }],
				['preferencesStatusVisibilityDenied', { statusVisibilityDenied: [] }],
			] as const) {
				const res = await setPreferences(ctx, data, { as: self });
				if (serverHas(ctx, behaviour)) succeeded(res);
				else invalidParams(res);
			}
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'should return an error when the user try to update info of another user and does not have the necessary permission',
		source: e2e('should return an error when the user try to update info of another user and does not have the necessary permission'),
		run: (ctx) =>
			withPermissions(ctx, { 'edit-other-user-info': [] }, async () => {
				const res = await setPreferences(ctx, SOME_PREFERENCES, { userId: sharedUser(ctx, 'target').userId });
				refused(res, 400, 'Editing user is not allowed [error-action-not-allowed]');
				assert.equal(res.body.errorType, 'error-action-not-allowed');
			}),
	},
	{
		endpoint: 'users.setPreferences',
		title: 'should return an error when the user try to update info of an nonexistent user',
		source: e2e('should return an error when the user try to update info of an nonexistent user'),
		async run(ctx) {
			const res = await setPreferences(ctx, SOME_PREFERENCES, { userId: `${USER_PREFIX}no-such-id` });
			refused(res, 400, 'The optional "userId" param provided does not match any users [error-invalid-user]');
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'should set some preferences of another user successfully',
		source: e2e('should set some preferences of another user successfully'),
		async run(ctx) {
			const target = sharedUser(ctx, 'target');
			const res = succeeded(await setPreferences(ctx, SOME_PREFERENCES, { userId: target.userId }));
			assert.equal(res.body.user._id, target.userId);
			assert.deepEqual(res.body.user.settings.preferences, SOME_PREFERENCES);
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'should set some preferences by user when execute successfully',
		source: e2e('should set some preferences by user when execute successfully'),
		async run(ctx) {
			const self = sharedUser(ctx, 'self');
			const res = succeeded(await setPreferences(ctx, SOME_PREFERENCES, { as: self, userId: self.userId }));
			assert.equal(res.body.user._id, self.userId);
			assert.equal(typeof res.body.user.settings.preferences, 'object');
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'should set some preferences and language preference by user when execute successfully',
		source: e2e('should set some preferences and language preference by user when execute successfully'),
		async run(ctx) {
			const self = sharedUser(ctx, 'self');
			const res = succeeded(await setPreferences(ctx, { ...SOME_PREFERENCES, language: 'en' }, { as: self, userId: self.userId }));
			assert.equal(res.body.user.settings.preferences.language, 'en');
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'a key outside the schema is refused (invalid-params) and nothing is saved',
		source: fn('packages/rest-typings/src/v1/users/UsersSetPreferenceParamsPOST.ts', 'isUsersSetPreferencesParamsPOST: additionalProperties false'),
		async run(ctx) {
			const fresh = await ctx.control.createUser();
			succeeded(await setPreferences(ctx, { hideRoles: true }, { as: fresh }));
			const res = await setPreferences(ctx, { useEmojis: false, [`${USER_PREFIX}unknown`]: true }, { as: fresh });
			invalidParams(res);
			assert.match(res.body.error, /must NOT have additional properties/);
			assert.deepEqual(succeeded(await get(ctx, 'users.getPreferences', {}, { as: fresh })).body.preferences, { hideRoles: true });
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'a value of the wrong type is refused (invalid-params)',
		source: fn('packages/rest-typings/src/v1/users/UsersSetPreferenceParamsPOST.ts', 'isUsersSetPreferencesParamsPOST'),
		async run(ctx) {
			invalidParams(await setPreferences(ctx, { useEmojis: 'yes' }, { as: sharedUser(ctx, 'self') }));
		},
	},
	{
		endpoint: 'users.setPreferences',
		title: 'a later call adds its keys and keeps the ones saved before',
		source: fn('apps/meteor/server/methods/saveUserPreferences.ts', 'saveUserPreferences: Users.setPreferences ($set per key)'),
		async run(ctx) {
			const fresh = await ctx.control.createUser();
			succeeded(await setPreferences(ctx, { useEmojis: false }, { as: fresh }));
			const res = succeeded(await setPreferences(ctx, { hideRoles: true }, { as: fresh }));
			assert.deepEqual(res.body.user.settings.preferences, { useEmojis: false, hideRoles: true });
		},
	},
	{
		endpoint: 'users.getPreferences',
		title: 'should return all preferences when execute successfully',
		source: e2e('should return all preferences when execute successfully'),
		async run(ctx) {
			// Upstream reads back what the setPreferences cases saved; this case saves its own first.
			const fresh = await ctx.control.createUser();
			succeeded(await setPreferences(ctx, { ...SOME_PREFERENCES, language: 'en' }, { as: fresh }));
			const res = succeeded(await get(ctx, 'users.getPreferences', {}, { as: fresh }));
			assert.deepEqual(res.body.preferences, { ...SOME_PREFERENCES, language: 'en' });
		},
	},
	{
		endpoint: 'users.getPreferences',
		title: 'only the saved preferences are answered, not the defaults',
		source: fn(USERS_API, 'users.getPreferences: user.settings.preferences + language'),
		async run(ctx) {
			const fresh = await ctx.control.createUser();
			succeeded(await setPreferences(ctx, { hideRoles: true }, { as: fresh }));
			assert.deepEqual(succeeded(await get(ctx, 'users.getPreferences', {}, { as: fresh })).body.preferences, { hideRoles: true });
		},
	},
	{
		endpoint: 'users.getPreferences',
		title: 'a user who never saved preferences has no settings: API.v1.failure',
		source: fn(USERS_API, 'users.getPreferences: Accounts_Default_User_Preferences_not_available'),
		async run(ctx) {
			const res = await get(ctx, 'users.getPreferences', {}, { as: await ctx.control.createUser() });
			refused(res, 400);
			assert.match(String(res.body.error), /PREFERENCES/);
		},
	},
];

export const preferencesGroup: CaseGroup = {
	name: 'Tokens: preferences',
	async setup(ctx) {
		await passwordSecondFactor(ctx);
		ctx.shared.target = await ctx.control.createUser();
		ctx.shared.self = await ctx.control.createUser();
	},
	cases: preferenceCases,
};

/* ------------------------------------------------------------------ personal access tokens */

const patSuccessCases: ConformanceCase[] = [
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: 'should accept loginToken when we call /me',
		source: e2e('should accept loginToken when we call /me'),
		async run(ctx) {
			const owner = sharedUser(ctx, 'owner');
			// An unknown body key (loginToken) is ignored; the token answered authenticates.
			assert.equal(await alive(ctx, await generatePat(ctx, owner, 'accepted', { loginToken: '1234567890' })), true);
		},
	},
	{
		endpoint: 'users.getPersonalAccessTokens',
		title: 'should return an array when the user does not have personal tokens configured',
		source: e2e('should return an array when the user does not have personal tokens configured'),
		async run(ctx) {
			assert.deepEqual(await patsOf(ctx, await ctx.control.createUser()), []);
		},
	},
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: 'should return a personal access token to user',
		source: e2e('should return a personal access token to user'),
		async run(ctx) {
			ctx.shared.pat = await generatePat(ctx, sharedUser(ctx, 'owner'), 'ci');
		},
	},
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: 'should throw an error when user tries generate a token with the same name',
		source: e2e('should throw an error when user tries generate a token with the same name'),
		async run(ctx) {
			const res = await post(ctx, 'users.generatePersonalAccessToken', { tokenName: 'ci' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			refusedToken(res, 400);
			assert.equal(res.body.errorType, 'error-token-already-exists');
		},
	},
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: "a missing tokenName is refused: The 'tokenName' param is required",
		source: fn(USERS_API, 'users.generatePersonalAccessToken'),
		async run(ctx) {
			refusedToken(await post(ctx, 'users.generatePersonalAccessToken', {}, { as: sharedUser(ctx, 'owner'), twoFactor: true }), 400, "The 'tokenName' param is required");
		},
	},
	{
		endpoint: 'users.getPersonalAccessTokens',
		title: 'should return my personal access tokens',
		source: e2e('should return my personal access tokens'),
		async run(ctx) {
			const pat = ctx.shared.pat as Actor | undefined;
			assert.ok(pat, 'no token from the generate case');
			const listed = (await patsOf(ctx, sharedUser(ctx, 'owner'))).find((t) => t.name === 'ci');
			assert.ok(listed, 'the token named ci is not listed');
			assert.equal(listed.lastTokenPart, pat.authToken.slice(-6));
			assert.equal(listed.bypassTwoFactor, false);
			assert.ok(!Number.isNaN(Date.parse(listed.createdAt)));
		},
	},
	{
		endpoint: 'users.regeneratePersonalAccessToken',
		title: 'should return a personal access token to user when user regenerates the token',
		source: e2e('should return a personal access token to user when user regenerates the token'),
		async run(ctx) {
			const owner = sharedUser(ctx, 'owner');
			const old = ctx.shared.pat as Actor | undefined;
			assert.ok(old, 'no token from the generate case');
			const res = succeeded(await post(ctx, 'users.regeneratePersonalAccessToken', { tokenName: 'ci' }, { as: owner, twoFactor: true }));
			assert.notEqual(res.body.token, old.authToken);
			// regenerateToken removes the old token and makes a new one of the same name.
			assert.equal(await alive(ctx, old), false);
			assert.equal(await alive(ctx, asToken(owner, res.body.token)), true);
			ctx.shared.pat = asToken(owner, res.body.token);
		},
	},
	{
		endpoint: 'users.regeneratePersonalAccessToken',
		title: 'should throw an error when user tries regenerate a token that does not exist',
		source: e2e('should throw an error when user tries regenerate a token that does not exist'),
		async run(ctx) {
			const res = await post(ctx, 'users.regeneratePersonalAccessToken', { tokenName: 'tokenthatdoesnotexist' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			refusedToken(res, 400);
			assert.equal(res.body.errorType, 'error-token-does-not-exists');
		},
	},
	{
		endpoint: 'users.regeneratePersonalAccessToken',
		title: 'the regenerated token keeps the bypassTwoFactor choice',
		source: fn(`${PAT_METHODS}/regenerateToken.ts`, 'regeneratePersonalAccessTokenOfUser'),
		async run(ctx) {
			const owner = sharedUser(ctx, 'owner');
			await generatePat(ctx, owner, 'unattended', { bypassTwoFactor: true });
			succeeded(await post(ctx, 'users.regeneratePersonalAccessToken', { tokenName: 'unattended' }, { as: owner, twoFactor: true }));
			assert.equal((await patsOf(ctx, owner)).find((t) => t.name === 'unattended')?.bypassTwoFactor, true);
		},
	},
	{
		endpoint: 'users.removePersonalAccessToken',
		title: 'should return success when user remove a personal access token',
		source: e2e('should return success when user remove a personal access token'),
		async run(ctx) {
			const owner = sharedUser(ctx, 'owner');
			const pat = ctx.shared.pat as Actor | undefined;
			assert.ok(pat, 'no token from the generate case');
			succeeded(await post(ctx, 'users.removePersonalAccessToken', { tokenName: 'ci' }, { as: owner, twoFactor: true }));
			assert.equal(await alive(ctx, pat), false);
			// Only that token: the login token that removed it still works.
			assert.equal(await alive(ctx, owner), true);
			assert.equal((await patsOf(ctx, owner)).some((t) => t.name === 'ci'), false);
		},
	},
	{
		endpoint: 'users.removePersonalAccessToken',
		title: 'should throw an error when user tries remove a token that does not exist',
		source: e2e('should throw an error when user tries remove a token that does not exist'),
		async run(ctx) {
			const res = await post(ctx, 'users.removePersonalAccessToken', { tokenName: 'tokenthatdoesnotexist' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-token-does-not-exists');
		},
	},
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: 'without a second factor (a client the server does not remember): totp-required and no token is made',
		source: fn(USERS_API, 'users.generatePersonalAccessToken: twoFactorRequired'),
		async run(ctx) {
			// The administrator is no new account, so the "just registered" window does not let it through.
			const tokenName = `${USER_PREFIX}${ctx.control.run}-unchallenged`;
			// The administrator's own factor (TOTP, e-mail or the password) is whatever the server has for it.
			totpRequired(await post(ctx, 'users.generatePersonalAccessToken', { tokenName }, { headers: freshClient() }));
			assert.equal((await patsOf(ctx, ctx.client.admin)).some((t) => t.name === tokenName), false);
		},
	},
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: 'a token made with bypassTwoFactor passes a second-factor route without a code (except on 8.5.x); one made without it is asked',
		source: fn(CHECK_CODE, 'isAuthorizedForToken: bypassTwoFactor (8.5 regression #38017, fixed by #41065)'),
		async run(ctx) {
			const owner = sharedUser(ctx, 'owner');
			const bypassing = await generatePat(ctx, owner, 'bypassing', { bypassTwoFactor: true });
			const asking = await generatePat(ctx, owner, 'asking');
			assert.equal((await patsOf(ctx, owner)).find((t) => t.name === 'bypassing')?.bypassTwoFactor, true);
			// users.resetTOTP never remembers a code; the owner has no TOTP, so the reset changes nothing. RememberFor 0 turns
			// off the grace after registration, which from 8.6 (#41061) would let the just-created owner through.
			await withSettings(ctx, { Accounts_TwoFactorAuthentication_RememberFor: 0 }, async () => {
				const bypassed = await post(ctx, 'users.resetTOTP', {}, { as: bypassing, headers: freshClient() });
				// 8.5.x runs the REST gate before the token is known: the bypass is ignored.
				if (serverHas(ctx, 'twoFactorBypassIgnored')) totpRequired(bypassed, 'password');
				else succeeded(bypassed);
				totpRequired(await post(ctx, 'users.resetTOTP', {}, { as: asking, headers: freshClient() }), 'password');
			});
		},
	},
];

const patRefusalCases: ConformanceCase[] = [
	{
		endpoint: 'users.generatePersonalAccessToken',
		title: '/users.generatePersonalAccessToken',
		source: e2e('/users.generatePersonalAccessToken'),
		async run(ctx) {
			const res = await post(ctx, 'users.generatePersonalAccessToken', { tokenName: 'refused' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			refusedToken(res, serverHas(ctx, 'refusalsAre403') ? 403 : 400);
			ruleRefused(ctx, res, 'not-authorized');
		},
	},
	{
		endpoint: 'users.getPersonalAccessTokens',
		title: '/users.getPersonalAccessTokens',
		source: e2e('/users.getPersonalAccessTokens'),
		async run(ctx) {
			permissionRefused(await get(ctx, 'users.getPersonalAccessTokens', {}, { as: sharedUser(ctx, 'owner') }));
		},
	},
	{
		endpoint: 'users.removePersonalAccessToken',
		title: '/users.removePersonalAccessToken',
		source: e2e('/users.removePersonalAccessToken'),
		async run(ctx) {
			const res = await post(ctx, 'users.removePersonalAccessToken', { tokenName: 'kept' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			ruleRefused(ctx, res, 'not-authorized');
		},
	},
	{
		endpoint: 'users.removePersonalAccessToken',
		title: 'without the permission, a token that does not exist is not-authorized too (the permission comes first)',
		source: e2e('should throw an error when user tries remove a token that does not exist'),
		async run(ctx) {
			const res = await post(ctx, 'users.removePersonalAccessToken', { tokenName: 'tokenthatdoesnotexist' }, { as: sharedUser(ctx, 'owner'), twoFactor: true });
			ruleRefused(ctx, res, 'not-authorized');
		},
	},
];

export const personalAccessTokenGroup: CaseGroup = {
	name: 'Tokens: personal access tokens',
	async setup(ctx) {
		await passwordSecondFactor(ctx);
		// Upstream's administrator acts on itself; here a plain user does, so its role gets the permission.
		await ctx.control.setPermission('create-personal-access-tokens', ['admin', 'user']);
		ctx.shared.owner = await ctx.control.createUser();
	},
	cases: [
		...patSuccessCases,
		...patRefusalCases.map(
			(c): ConformanceCase => ({
				...c,
				// Upstream's "unsuccessful cases": no role holds the permission.
				run: (ctx) => withPermissions(ctx, { 'create-personal-access-tokens': [] }, () => c.run(ctx)),
			}),
		),
	],
};

/* ------------------------------------------------------------------ e-mail 2FA, TOTP and E2E key resets */

/** A user whose e-mail is unverified: resets notify verified addresses only, so nothing is mailed. */
const unmailable = (ctx: CaseContext) => ctx.control.createUser({ fields: { verified: false } });

const secondFactorCases: ConformanceCase[] = [
	{
		endpoint: 'users.2fa.enableEmail',
		title: 'an unverified e-mail address refuses: error-invalid-user',
		source: fn(USERS_API, 'users.2fa.enableEmail: hasUnverifiedEmail'),
		async run(ctx) {
			refused(await post(ctx, 'users.2fa.enableEmail', {}, { as: await unmailable(ctx) }), 400, 'You need to verify your emails before setting up 2FA [error-invalid-user]');
		},
	},
	{
		endpoint: 'users.2fa.enableEmail',
		title: 'logs out the other login sessions; the caller and its personal access tokens stay',
		source: fn(USERS_API, 'users.2fa.enableEmail: removeNonPATLoginTokensExcept'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const other = await ctx.control.login(user.username, user.password);
			const pat = await generatePat(ctx, user, 'kept');
			succeeded(await post(ctx, 'users.2fa.enableEmail', {}, { as: user }));
			assert.deepEqual([await alive(ctx, user), await alive(ctx, other), await alive(ctx, pat)], [true, false, true]);
		},
	},
	{
		endpoint: 'users.2fa.disableEmail',
		title: 'right after registration: asked for the second factor until 8.6 (disableRememberMe), let through from 8.6 (#41061)',
		source: fn(CHECK_CODE, 'isAuthorizedForToken: post-registration grace and disableRememberMe (RocketChat/Rocket.Chat#41061)'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			if (!graceBeforeRememberTest(ctx)) totpRequired(await post(ctx, 'users.2fa.disableEmail', {}, { as: user }), 'password');
			succeeded(await post(ctx, 'users.2fa.disableEmail', {}, { as: user, twoFactor: !graceBeforeRememberTest(ctx) }));
		},
	},
	{
		endpoint: 'users.2fa.disableEmail',
		title: 'with e-mail 2FA on, the password counts again once Accounts_TwoFactorAuthentication_By_Email_Enabled is off',
		source: fn('apps/meteor/app/2fa/server/code/EmailCheck.ts', 'EmailCheck.isEnabled'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			succeeded(await post(ctx, 'users.2fa.enableEmail', {}, { as: user }));
			await withSettings(ctx, { Accounts_TwoFactorAuthentication_By_Email_Enabled: false }, async () => {
				succeeded(await post(ctx, 'users.2fa.disableEmail', {}, { as: user, twoFactor: true }));
			});
			// E-mail 2FA is off now: with the setting back on the password is still the second factor.
			succeeded(await post(ctx, 'users.resetTOTP', {}, { as: user, twoFactor: true }));
		},
	},
	{
		endpoint: 'users.2fa.sendEmailCode',
		title: 'without emailOrUsername: error-parameter-required',
		source: fn(USERS_API, 'users.2fa.sendEmailCode'),
		async run(ctx) {
			refused(await post(ctx, 'users.2fa.sendEmailCode', {}, { as: null }), 400, 'emailOrUsername is required [error-parameter-required]');
		},
	},
	{
		endpoint: 'users.2fa.sendEmailCode',
		title: 'an unknown user still answers success, without logging in',
		source: fn(USERS_API, 'users.2fa.sendEmailCode: no user found'),
		async run(ctx) {
			succeeded(await post(ctx, 'users.2fa.sendEmailCode', { emailOrUsername: `${USER_PREFIX}nobody@conformance.invalid` }, { as: null }));
			succeeded(await post(ctx, 'users.2fa.sendEmailCode', { emailOrUsername: `${USER_PREFIX}nobody` }, { as: null }));
		},
	},
	{
		endpoint: 'users.resetTOTP',
		title: 'resetting one’s own asks a new account for the second factor until 8.6 (#41061); without TOTP nothing changes and the session stays',
		source: fn(RESET_TOTP, 'resetTOTP: unsetLoginTokens only when services.totp was removed'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			if (!graceBeforeRememberTest(ctx)) totpRequired(await post(ctx, 'users.resetTOTP', {}, { as: user }), 'password');
			succeeded(await post(ctx, 'users.resetTOTP', {}, { as: user, twoFactor: !graceBeforeRememberTest(ctx) }));
			assert.equal(await alive(ctx, user), true);
		},
	},
	{
		endpoint: 'users.resetTOTP',
		title: "another user's without edit-other-user-totp: error-not-allowed",
		source: fn(USERS_API, 'users.resetTOTP: edit-other-user-totp'),
		async run(ctx) {
			const res = await post(ctx, 'users.resetTOTP', { userId: sharedUser(ctx, 'target').userId }, { as: sharedUser(ctx, 'operator'), twoFactor: true });
			ruleRefused(ctx, res, 'error-not-allowed', 'Not allowed [error-not-allowed]');
		},
	},
	{
		endpoint: 'users.resetTOTP',
		title: "another user's while Accounts_TwoFactorAuthentication_Enabled is off: error-two-factor-not-enabled",
		source: fn(USERS_API, 'users.resetTOTP: Accounts_TwoFactorAuthentication_Enabled'),
		run: (ctx) =>
			withSettings(ctx, { Accounts_TwoFactorAuthentication_Enabled: false }, async () => {
				const res = await post(ctx, 'users.resetTOTP', { userId: sharedUser(ctx, 'target').userId });
				refused(res, 400, 'Two factor authentication is not enabled [error-two-factor-not-enabled]');
			}),
	},
	{
		endpoint: 'users.resetTOTP',
		title: "another user's with the permission succeeds; without TOTP that user stays logged in",
		source: fn(RESET_TOTP, 'resetTOTP(userId, notifyUser = true)'),
		async run(ctx) {
			const target = await unmailable(ctx);
			succeeded(await post(ctx, 'users.resetTOTP', { userId: target.userId }, { twoFactor: true }));
			assert.equal(await alive(ctx, target), true);
		},
	},
	{
		endpoint: 'users.resetTOTP',
		title: 'an unknown user: error-invalid-user',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await post(ctx, 'users.resetTOTP', { userId: `${USER_PREFIX}no-such-id` }, { twoFactor: true });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.resetE2EKey',
		title: 'resetting one’s own asks a new account for the second factor until 8.6 (#41061), then logs the caller out everywhere',
		source: fn(RESET_E2E, 'resetUserE2EEncriptionKey: unsetLoginTokens'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const other = await ctx.control.login(user.username, user.password);
			if (!graceBeforeRememberTest(ctx)) totpRequired(await post(ctx, 'users.resetE2EKey', {}, { as: user }), 'password');
			assert.equal(await alive(ctx, user), true);
			succeeded(await post(ctx, 'users.resetE2EKey', {}, { as: user, twoFactor: !graceBeforeRememberTest(ctx) }));
			assert.deepEqual([await alive(ctx, user), await alive(ctx, other)], [false, false]);
		},
	},
	{
		endpoint: 'users.resetE2EKey',
		title: "another user's without edit-other-user-e2ee: error-not-allowed, and that user stays logged in",
		source: fn(USERS_API, 'users.resetE2EKey: edit-other-user-e2ee'),
		async run(ctx) {
			const target = sharedUser(ctx, 'target');
			ruleRefused(ctx, await post(ctx, 'users.resetE2EKey', { userId: target.userId }, { as: sharedUser(ctx, 'operator'), twoFactor: true }), 'error-not-allowed', 'Not allowed [error-not-allowed]');
			assert.equal(await alive(ctx, target), true);
		},
	},
	{
		endpoint: 'users.resetE2EKey',
		title: 'an unknown user is error-invalid-user even without the permission: the user is looked up first',
		source: fn(USERS_API, 'users.resetE2EKey: getUserFromParams before edit-other-user-e2ee'),
		async run(ctx) {
			const res = await post(ctx, 'users.resetE2EKey', { userId: `${USER_PREFIX}no-such-id` }, { as: sharedUser(ctx, 'operator'), twoFactor: true });
			refused(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.resetE2EKey',
		title: "another user's with the permission logs that user out, personal access tokens included",
		source: fn(RESET_E2E, 'resetUserE2EEncriptionKey(uid, notifyUser = true)'),
		async run(ctx) {
			const target = await unmailable(ctx);
			const pat = await generatePat(ctx, target, 'gone');
			succeeded(await post(ctx, 'users.resetE2EKey', { userId: target.userId }, { twoFactor: true }));
			assert.deepEqual([await alive(ctx, target), await alive(ctx, pat)], [false, false]);
		},
	},
];

export const secondFactorGroup: CaseGroup = {
	name: 'Tokens: e-mail 2FA, TOTP and E2E key resets',
	async setup(ctx) {
		await passwordSecondFactor(ctx);
		await ctx.control.setPermission('create-personal-access-tokens', ['admin', 'user']);
		ctx.shared.target = await ctx.control.createUser();
		ctx.shared.operator = await ctx.control.createUser();
	},
	cases: secondFactorCases,
};

/* ------------------------------------------------------------------ logging out */

const logoutCases: ConformanceCase[] = [
	{
		endpoint: 'users.logout',
		title: 'should throw unauthorized error to user w/o "logout-other-user" permission',
		source: e2e('should throw unauthorized error to user w/o "logout-other-user" permission'),
		run: (ctx) =>
			withPermissions(ctx, { 'logout-other-user': [] }, async () => {
				const target = sharedUser(ctx, 'target');
				refused(await post(ctx, 'users.logout', { userId: target.userId }), 403);
				assert.equal(await alive(ctx, target), true);
			}),
	},
	{
		endpoint: 'users.logout',
		title: 'should logout other user',
		source: e2e('should logout other user'),
		async run(ctx) {
			// Upstream's other user never logged in: there is no token to remove, and it still succeeds.
			const neverLoggedIn = await ctx.control.createAccount();
			assert.equal(succeeded(await post(ctx, 'users.logout', { userId: neverLoggedIn.userId })).body.message, `User ${neverLoggedIn.userId} has been logged out!`);
		},
	},
	{
		endpoint: 'users.logout',
		title: 'should logout the requester',
		source: e2e('should logout the requester'),
		run: (ctx) =>
			withPermissions(ctx, { 'logout-other-user': [] }, async () => {
				const user = await ctx.control.createUser();
				succeeded(await post(ctx, 'users.logout', {}, { as: user }));
				assert.equal(await alive(ctx, user), false);
			}),
	},
	{
		endpoint: 'users.logout',
		title: "another user's login tokens and personal access tokens all stop working",
		source: fn('packages/models/src/models/Users.ts', 'unsetLoginTokens: loginTokens = []'),
		async run(ctx) {
			const target = sharedUser(ctx, 'target');
			const second = await ctx.control.login(target.username, target.password);
			const pat = await generatePat(ctx, target, 'logged-out');
			succeeded(await post(ctx, 'users.logout', { userId: target.userId }));
			assert.deepEqual([await alive(ctx, target), await alive(ctx, second), await alive(ctx, pat)], [false, false, false]);
		},
	},
	{
		endpoint: 'users.logout',
		title: 'an unknown userId, or a user already logged out, still succeeds (the UpdateResult is always truthy)',
		source: fn(USERS_API, "users.logout: if (!(await Users.unsetLoginTokens(userId))) 'error-invalid-user-id'"),
		async run(ctx) {
			succeeded(await post(ctx, 'users.logout', { userId: `${USER_PREFIX}no-such-id` }));
			const user = await ctx.control.createUser();
			succeeded(await post(ctx, 'users.logout', { userId: user.userId }));
			succeeded(await post(ctx, 'users.logout', { userId: user.userId }));
		},
	},
	{
		endpoint: 'users.logout',
		title: 'a userId that is not a string is refused (invalid-params)',
		source: fn('packages/rest-typings/src/v1/users/UserLogoutParamsPOST.ts', 'isUserLogoutParamsPOST'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			invalidParams(await post(ctx, 'users.logout', { userId: 42 }, { as: user }));
			assert.equal(await alive(ctx, user), true);
		},
	},
	{
		endpoint: 'users.logoutOtherClients',
		title: 'should invalidate all active sesions',
		source: e2e('should invalidate all active sesions'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const newer = await ctx.control.login(user.username, user.password);
			const res = succeeded(await post(ctx, 'users.logoutOtherClients', {}, { as: newer }));
			assert.equal(typeof res.body.token, 'string');
			assert.equal(typeof res.body.tokenExpires, 'string');
			assert.equal(await alive(ctx, user), false);
		},
	},
	{
		endpoint: 'users.logoutOtherClients',
		title: "answers the caller's own token, expiring Accounts_LoginExpiration days after its login; PATs stay",
		source: fn(USERS_API, 'users.logoutOtherClients: removeNonPATLoginTokensExcept, tokenExpires'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const pat = await generatePat(ctx, user, 'kept');
			const newer = await ctx.control.login(user.username, user.password);
			const loggedInAt = Date.now();
			const res = succeeded(await post(ctx, 'users.logoutOtherClients', {}, { as: newer }));
			assert.equal(res.body.token, newer.authToken);
			const days = Number(succeeded(await get(ctx, 'settings/Accounts_LoginExpiration')).body.value);
			const expiresIn = Date.parse(res.body.tokenExpires) - loggedInAt;
			// The login happened a moment before loggedInAt; clocks of client and server may differ by a minute.
			assert.ok(Math.abs(expiresIn - days * 86_400_000) < 120_000, `tokenExpires ${res.body.tokenExpires} is not ${days} days after the login`);
			assert.deepEqual([await alive(ctx, newer), await alive(ctx, pat), await alive(ctx, user)], [true, true, false]);
		},
	},
	{
		endpoint: 'users.logoutOtherClients',
		title: 'called with a personal access token: every login token goes and tokenExpires is empty',
		source: fn(USERS_API, "users.logoutOtherClients: a PAT has no 'when'"),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const pat = await generatePat(ctx, user, 'caller');
			const res = succeeded(await post(ctx, 'users.logoutOtherClients', {}, { as: pat }));
			assert.deepEqual([res.body.token, res.body.tokenExpires], [pat.authToken, '']);
			assert.deepEqual([await alive(ctx, pat), await alive(ctx, user)], [true, false]);
		},
	},
	{
		endpoint: 'users.removeOtherTokens',
		title: 'should invalidate all active sesions',
		source: e2e('should invalidate all active sesions'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const newer = await ctx.control.login(user.username, user.password);
			succeeded(await post(ctx, 'users.removeOtherTokens', {}, { as: newer }));
			assert.equal(await alive(ctx, user), false);
		},
	},
	{
		endpoint: 'users.removeOtherTokens',
		title: "the caller's token and the personal access tokens stay",
		source: fn('apps/meteor/server/methods/removeOtherTokens.ts', 'removeOtherTokens: removeNonPATLoginTokensExcept'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const pat = await generatePat(ctx, user, 'kept');
			const newer = await ctx.control.login(user.username, user.password);
			succeeded(await post(ctx, 'users.removeOtherTokens', {}, { as: newer }));
			assert.deepEqual([await alive(ctx, newer), await alive(ctx, pat), await alive(ctx, user)], [true, true, false]);
		},
	},
];

export const logoutGroup: CaseGroup = {
	name: 'Tokens: logging out',
	async setup(ctx) {
		await passwordSecondFactor(ctx);
		await ctx.control.setPermission('create-personal-access-tokens', ['admin', 'user']);
		ctx.shared.target = await ctx.control.createUser();
	},
	cases: logoutCases,
};

/* ------------------------------------------------------------------ users.createToken, data downloads, deactivation */

/** A secret no server is started with (the suite does not know the real one). */
const WRONG_SECRET = `${USER_PREFIX}not-the-secret`;

/** A default role that (almost) no real account holds (as the account cases' users.deactivateIdle). */
const IDLE_ROLE = 'anonymous';

const createTokenCases: ConformanceCase[] = [
	{
		endpoint: 'users.createToken',
		title: 'asks for the second factor on 9.0 (twoFactorRequired); before, the secret is checked without one',
		source: fn(USERS_API, 'users.createToken: twoFactorRequired'),
		async run(ctx) {
			// The administrator (not a just-created account, which the grace after registration lets through), from a client
			// whose code is not remembered.
			const res = await post(ctx, 'users.createToken', { userId: ctx.client.admin.userId, secret: WRONG_SECRET }, { twoFactor: false, headers: freshClient() });
			if (serverHas(ctx, 'createTwoFactorGated')) totpRequired(res, 'password');
			else refusedToken(res, 400, 'Not authorized [error-not-authorized]');
		},
	},
	{
		endpoint: 'users.createToken',
		title: 'for another user, without user-generate-access-token and with a wrong secret: error-not-authorized',
		source: fn(CREATE_TOKEN, 'generateAccessToken'),
		async run(ctx) {
			// Refused on every release line: before 8.0 by CREATE_TOKENS_FOR_USERS or the permission, later by the secret.
			const res = await post(ctx, 'users.createToken', { userId: sharedUser(ctx, 'target').userId, secret: WRONG_SECRET }, { as: sharedUser(ctx, 'operator') });
			refusedToken(res, 400, 'Not authorized [error-not-authorized]');
		},
	},
	{
		endpoint: 'users.createToken',
		title: 'for oneself with a wrong secret: refused from 8.0',
		source: fn(CREATE_TOKEN, 'generateAccessToken: secret !== CREATE_TOKENS_FOR_USERS_SECRET'),
		async run(ctx) {
			const operator = sharedUser(ctx, 'operator');
			const res = await post(ctx, 'users.createToken', { userId: operator.userId, secret: WRONG_SECRET }, { as: operator });
			// Before 8.0 the secret is ignored and the answer depends on CREATE_TOKENS_FOR_USERS, which the suite cannot know.
			if (!serverHas(ctx, 'createTokenNeedsSecret')) assert.ok([200, 400].includes(res.status), `answered ${res.status}`);
			else refusedToken(res, 400, 'Not authorized [error-not-authorized]');
		},
	},
	{
		endpoint: 'users.createToken',
		title: 'without a secret: refused from 8.0',
		source: fn(CREATE_TOKEN, 'users.createToken: secret (rest-typings, 8.0)'),
		async run(ctx) {
			const res = await post(ctx, 'users.createToken', { userId: sharedUser(ctx, 'target').userId }, { as: sharedUser(ctx, 'operator') });
			refusedToken(res, 400);
			if (serverHas(ctx, 'createTokenNeedsSecret')) assert.ok(['invalid-params', 'error-not-authorized'].includes(res.body.errorType), JSON.stringify(res.body));
			else assert.equal(res.body.errorType, 'error-not-authorized');
		},
	},
	{
		endpoint: 'users.createToken',
		title: 'an unknown user: error-invalid-user, before any secret check',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await post(ctx, 'users.createToken', { userId: `${USER_PREFIX}no-such-id`, secret: WRONG_SECRET });
			refusedToken(res, 400);
			assert.equal(res.body.errorType, 'error-invalid-user');
		},
	},
	{
		endpoint: 'users.createToken',
		title: 'neither userId nor username: error-user-param-not-provided',
		source: fn('apps/meteor/app/api/server/helpers/getUserFromParams.ts', 'getUserFromParams'),
		async run(ctx) {
			const res = await post(ctx, 'users.createToken', { secret: WRONG_SECRET });
			refusedToken(res, 400);
			assert.equal(res.body.errorType, 'error-user-param-not-provided');
		},
	},
];

/** Upstream's three requests: no fullExport, fullExport=false, fullExport=true. */
const DOWNLOAD_REQUESTS: Array<{ title: string; query: Record<string, string>; fullExport: boolean }> = [
	{ title: 'should return the request data with fullExport false when no query parameter was send', query: {}, fullExport: false },
	{ title: 'should return the request data with fullExport false when the fullExport query parameter is false', query: { fullExport: 'false' }, fullExport: false },
	{ title: 'should return the request data with fullExport true when the fullExport query parameter is true', query: { fullExport: 'true' }, fullExport: true },
];

const dataDownloadCases: ConformanceCase[] = [
	...DOWNLOAD_REQUESTS.map(
		({ title, query, fullExport }): ConformanceCase => ({
			endpoint: 'users.requestDataDownload',
			title,
			source: e2e(title),
			async run(ctx) {
				// Upstream asks as the administrator; the suite's own user asks, so no export of the administrator is queued.
				const res = succeeded(await get(ctx, 'users.requestDataDownload', query, { as: sharedUser(ctx, 'downloader') }));
				assert.equal(typeof res.body.requested, 'boolean');
				assert.equal(typeof res.body.exportOperation, 'object');
				assert.equal(res.body.exportOperation.fullExport, fullExport);
			},
		}),
	),
	{
		endpoint: 'users.requestDataDownload',
		title: 'a new request is queued as pending for the caller; a second one the same day answers it again, not queued',
		source: fn(DATA_DOWNLOAD, 'requestDataDownload: lastOperation within a day'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const first = succeeded(await get(ctx, 'users.requestDataDownload', {}, { as: user }));
			assert.equal(first.body.requested, true);
			assert.equal(first.body.exportOperation.status, 'pending');
			assert.equal(first.body.exportOperation.userId, user.userId);
			const again = succeeded(await get(ctx, 'users.requestDataDownload', {}, { as: user }));
			assert.equal(again.body.requested, false);
			assert.equal(again.body.exportOperation._id, first.body.exportOperation._id);
		},
	},
];

dataDownloadCases.push({
	endpoint: 'users.requestDataDownload',
	title: 'on 9.0 the answer also carries url and pendingOperationsBeforeMyRequest; before, requested and exportOperation only',
	source: fn(DATA_DOWNLOAD, 'requestDataDownload: { requested, exportOperation, url, pendingOperationsBeforeMyRequest }'),
	async run(ctx) {
		const res = succeeded(await get(ctx, 'users.requestDataDownload', {}, { as: sharedUser(ctx, 'downloader') }));
		const keys = Object.keys(res.body).sort();
		if (serverHas(ctx, 'requestDataDownloadFullAnswer')) {
			assert.deepEqual(keys, ['exportOperation', 'pendingOperationsBeforeMyRequest', 'requested', 'success', 'url']);
			assert.equal(typeof res.body.pendingOperationsBeforeMyRequest, 'number');
		} else assert.deepEqual(keys, ['exportOperation', 'requested', 'success']);
	},
});

const deactivationCases: ConformanceCase[] = [
	{
		endpoint: 'users.setActiveStatus',
		title: 'a deactivated user loses its personal access tokens too',
		source: fn('apps/meteor/app/lib/server/functions/setUserActiveStatus.ts', 'setUserActiveStatus: unsetLoginTokens'),
		async run(ctx) {
			const user = await ctx.control.createUser();
			const pat = await generatePat(ctx, user, 'deactivated');
			succeeded(await post(ctx, 'users.setActiveStatus', { activeStatus: false, userId: user.userId }));
			assert.deepEqual([await alive(ctx, user), await alive(ctx, pat)], [false, false]);
		},
	},
	{
		endpoint: 'users.deactivateIdle',
		title: 'from 8.5 the users it deactivates lose their login tokens and personal access tokens',
		source: fn(USERS_API, 'users.deactivateIdle (8.5: login and OAuth token revocation)'),
		async run(ctx) {
			const holders = succeeded(await get(ctx, 'users.listByStatus', { 'roles[]': IDLE_ROLE, status: 'active', count: 0 })).body.users as Array<{ username: string }>;
			const others = holders.filter((u) => !u.username.startsWith(USER_PREFIX));
			assert.deepEqual(others.map((u) => u.username), [], `active users outside the suite hold the ${IDLE_ROLE} role; not deactivating them`);
			const idle = await ctx.control.createUser({ roles: ['user', IDLE_ROLE] });
			const pat = await generatePat(ctx, idle, 'idle');
			assert.ok(succeeded(await post(ctx, 'users.deactivateIdle', { daysIdle: 0, role: IDLE_ROLE })).body.count >= 1);
			assert.equal(succeeded(await get(ctx, 'users.info', { userId: idle.userId })).body.user.active, false);
			// Before 8.5 the tokens are left in place; whether REST still takes them is not this case's concern.
			if (serverHas(ctx, 'deactivateIdleRevokesTokens')) assert.deepEqual([await alive(ctx, idle), await alive(ctx, pat)], [false, false]);
		},
	},
];

export const tokenIssueGroup: CaseGroup = {
	name: 'Tokens: createToken, data downloads, deactivation',
	async setup(ctx) {
		await passwordSecondFactor(ctx);
		await ctx.control.setPermission('create-personal-access-tokens', ['admin', 'user']);
		ctx.shared.target = await ctx.control.createUser();
		ctx.shared.operator = await ctx.control.createUser();
		ctx.shared.downloader = await ctx.control.createUser();
	},
	cases: [...createTokenCases, ...dataDownloadCases, ...deactivationCases],
};

export const TOKEN_GROUPS: CaseGroup[] = [preferencesGroup, personalAccessTokenGroup, secondFactorGroup, logoutGroup, tokenIssueGroup];
