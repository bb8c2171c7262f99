/**
 * What a Rocket.Chat refusal means, read from the server's text and not only from its status. Rocket.Chat 9.0
 * answers 403 with `errorType: "error-forbidden"` for refusals that 8.x answered 400 with their own code
 * (`error-not-allowed`, `not-authorized`, …; RocketChat/Rocket.Chat#43214), and 403 was already the answer for a
 * missing permission: on 9.0 the status cannot tell a setting that is off from a permission that is missing.
 * The reason text can: it is the same on every version. Texts from the server source
 * (apps/meteor/server/api/v1/users.ts, server/lib/users/saveUser/validateUserData.ts and validateUserEditing.ts,
 * server/meteor-methods/users/*, ee/server/api/v1/middlewares/license.ts).
 */

/** A workspace setting (Administration → Settings → Accounts unless said otherwise) that refuses the call. */
export interface SettingRefusal {
	kind: 'setting';
	setting: string;
	label: string;
	/** A permission that lets its holder act although the setting is off. */
	bypass?: string;
}

export type Refusal =
	| SettingRefusal
	| { kind: 'permission'; permission?: string }
	| { kind: 'licence' }
	| { kind: 'badToken' }
	/** The reason names no cause; the operation says what it means (RequestSpec.refusal), else the permission. */
	| { kind: 'unnamed' }
	/** One text for two causes, told apart by whose data the call changes. */
	| { kind: 'either'; setting: SettingRefusal; permission: string };

const setting = (settingId: string, label: string, bypass?: string): SettingRefusal => ({ kind: 'setting', setting: settingId, label, bypass });

/** Reasons (the text before " [code]") that name their cause. */
const KNOWN_REASONS: Array<[RegExp, Refusal]> = [
	// users.setStatus (message while the setting is off) and saveUser (statusText)
	[/^Change status is not allowed\b/i, setting('Accounts_AllowUserStatusMessageChange', 'Allow Custom Status Message')],
	[/^Edit user status is not allowed\b/i, setting('Accounts_AllowUserStatusMessageChange', 'Allow Custom Status Message')],
	[/^Invisible status is disabled\b/i, setting('Accounts_AllowInvisibleStatusOption', 'Allow Invisible Status Option')],
	// users.setAvatar: the setting is only checked for callers without edit-other-user-avatar
	[/^Change avatar is not allowed\b/i, setting('Accounts_AllowUserAvatarChange', 'Allow User Avatar Change', 'edit-other-user-avatar')],
	// users.resetAvatar: own avatar with the setting off, or another user's without the permission
	[
		/^Reset avatar is not allowed\b/i,
		{ kind: 'either', setting: setting('Accounts_AllowUserAvatarChange', 'Allow User Avatar Change'), permission: 'edit-other-user-avatar' },
	],
	// saveUser / saveUserProfile (users.update, users.updateOwnBasicInfo)
	[/^Edit user profile is not allowed\b/i, setting('Accounts_AllowUserProfileChange', 'Allow User Profile Change', 'edit-other-user-info')],
	[/^Edit username is not allowed\b/i, setting('Accounts_AllowUsernameChange', 'Allow Username Change')],
	[/^Edit user real name is not allowed\b/i, setting('Accounts_AllowRealNameChange', 'Allow Name Change')],
	[/^Edit user email is not allowed\b/i, setting('Accounts_AllowEmailChange', 'Allow Email Change')],
	[/^Edit user password is not allowed\b/i, setting('Accounts_AllowPasswordChange', 'Allow Password Change', 'edit-other-user-password')],
	// users.forgotPassword, users.resetTOTP (another user)
	[/^Password reset is not enabled\b/i, setting('Accounts_PasswordReset', 'Password Reset')],
	[/^Two factor authentication is not enabled\b/i, setting('Accounts_TwoFactorAuthentication_Enabled', 'Enable Two Factor Authentication (Accounts → Two Factor Authentication)')],
	// validateUserData / validateUserEditing
	[/^Editing user is not allowed\b/i, { kind: 'permission', permission: 'edit-other-user-info' }],
	[/^Adding user is not allowed\b/i, { kind: 'permission', permission: 'create-user' }],
	[/^Assign roles is not allowed\b/i, { kind: 'permission', permission: 'assign-roles' }],
	[/^Assigning admin is not allowed\b/i, { kind: 'permission', permission: 'assign-admin-role' }],
	// the permissions middleware (permissionsRequired), every version
	[/permissions required for this action/i, { kind: 'permission' }],
	// the licence middleware (8.x and 9.0) and other Enterprise checks
	[/enterprise feature|licen[cs]e/i, { kind: 'licence' }],
	// the authentication middleware: missing or unknown X-User-Id/X-Auth-Token (7.x/8.x and 9.0 bodies)
	[/must be logged in/i, { kind: 'badToken' }],
];

/** Codes of a refusal (8.x keeps its own code; 9.0 remaps most of them to error-forbidden). */
const REFUSAL_CODES = new Set([
	'error-not-allowed',
	'not-allowed',
	'not-authorized',
	'not_authorized',
	'error-not-authorized',
	'no-permission',
	'error-action-not-allowed',
	'error-forbidden',
	'error-unauthorized',
	'unauthorized',
	'forbidden',
]);

/** "Change status is not allowed [error-not-allowed]" → reason "Change status is not allowed", code "error-not-allowed". */
export function splitServerText(text: string): { reason: string; code?: string } {
	const match = /^(.*?)\s*\[([\w-]+)\]\s*$/.exec(text);
	return match ? { reason: match[1], code: match[2] } : { reason: text.trim() };
}

/** What refused the call, or undefined when the answer is not a refusal (validation, not found, …). */
export function readRefusal(statusCode: number, text: string, errorType: string): Refusal | undefined {
	const { reason, code } = splitServerText(text);
	for (const [pattern, refusal] of KNOWN_REASONS) if (pattern.test(reason)) return refusal;
	const isRefusal = statusCode === 401 || statusCode === 403 || REFUSAL_CODES.has(errorType) || (code !== undefined && REFUSAL_CODES.has(code));
	// "Not allowed", "Not Authorized", forbidden()/unauthorized() without text, or a reason not listed above.
	return isRefusal ? { kind: 'unnamed' } : undefined;
}
