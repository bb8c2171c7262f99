/**
 * The Rocket.Chat settings the simulator models, as GET/POST /api/v1/settings/:_id see them.
 * A setting is either a plain value kept in state.settingValues or bound to a SimSettings switch
 * that the routes already read (one place for each value).
 */
import type { SimSettings } from './types';

type SettingType = 'boolean' | 'string' | 'int';

interface SettingDef {
	type: SettingType;
	/** Allowed values of a select setting. */
	values?: readonly string[];
	/** Default of a plain setting. */
	value?: unknown;
	/** The SimSettings switch this setting reads and writes. */
	bound?: keyof SimSettings;
}

export const SETTINGS: Record<string, SettingDef> = {
	Accounts_AllowUserProfileChange: { type: 'boolean', value: true },
	Accounts_AllowUsernameChange: { type: 'boolean', value: true },
	Accounts_AllowEmailChange: { type: 'boolean', value: true },
	Accounts_AllowPasswordChange: { type: 'boolean', value: true },
	Accounts_AllowRealNameChange: { type: 'boolean', value: true },
	Accounts_AllowUserStatusMessageChange: { type: 'boolean', value: true },
	Accounts_AllowUserAvatarChange: { type: 'boolean', value: true },
	// users.setStatus refuses status 'offline' (invisible) while this is off.
	Accounts_AllowInvisibleStatusOption: { type: 'boolean', value: true },
	// The avatar routes' Cache-Control max-age (seconds) unless the request asks for its own cacheTime.
	Accounts_AvatarCacheTime: { type: 'int', value: 3600 },
	Accounts_AvatarBlockUnauthenticatedAccess: { type: 'boolean', bound: 'avatarBlockUnauthenticatedAccess' },
	// users.presence answers an empty full list while presence broadcast is disabled.
	Presence_broadcast_disabled: { type: 'boolean', value: false },
	Accounts_AllowDeleteOwnAccount: { type: 'boolean', bound: 'allowDeleteOwnAccount' },
	Accounts_RegistrationForm: { type: 'string', values: ['Public', 'Disabled', 'Secret URL'], value: 'Public' },
	// checkUsernameAvailability: blocked next to the hidden Accounts_SystemBlockedUsernameList and 'all', 'here'.
	Accounts_BlockedUsernameList: { type: 'string', value: '' },
	// validateCustomFields / saveCustomFields: a JSON object of field definitions, '' for none.
	Accounts_CustomFields: { type: 'string', value: '' },
	// getNewUserRoles: the roles of a user created without roles (comma-separated).
	Accounts_Registration_Users_Default_Roles: { type: 'string', value: 'user' },
	// sendForgotPasswordEmail refuses while this is off.
	Accounts_PasswordReset: { type: 'boolean', value: true },
	// PasswordPolicy (apps/meteor/app/lib/server/lib/passwordPolicy.ts), defaults as the server's.
	Accounts_Password_Policy_Enabled: { type: 'boolean', value: false },
	Accounts_Password_Policy_MinLength: { type: 'int', value: 7 },
	Accounts_Password_Policy_MaxLength: { type: 'int', value: -1 },
	Accounts_Password_Policy_ForbidRepeatingCharacters: { type: 'boolean', value: true },
	Accounts_Password_Policy_ForbidRepeatingCharactersCount: { type: 'int', value: 3 },
	Accounts_Password_Policy_AtLeastOneLowercase: { type: 'boolean', value: true },
	Accounts_Password_Policy_AtLeastOneUppercase: { type: 'boolean', value: true },
	Accounts_Password_Policy_AtLeastOneNumber: { type: 'boolean', value: true },
	Accounts_Password_Policy_AtLeastOneSpecialCharacter: { type: 'boolean', value: true },
	// users.list answers forbidden without view-outside-room while this is on.
	'API_Apply_permission_view-outside-room_on_users-list': { type: 'boolean', value: false },
	// api.ts: the REST rate limiter (the simulator's limits, including users.register's) applies while on.
	API_Enable_Rate_Limiter: { type: 'boolean', value: true },
	// sendWelcomeEmail needs a host; the simulator stands for a server with mail configured.
	SMTP_Host: { type: 'string', value: 'localhost' },
	// EmailCheck.isEnabled: e-mail codes count as a second factor only while this is on.
	Accounts_TwoFactorAuthentication_By_Email_Enabled: { type: 'boolean', value: true },
	// insertUserDoc: users created or registered while this (and 2FA, and e-mail 2FA) is on get e-mail 2FA switched on.
	Accounts_TwoFactorAuthentication_By_Email_Auto_Opt_In: { type: 'boolean', value: true },
	Accounts_TwoFactorAuthentication_Enabled: { type: 'boolean', bound: 'twoFactorEnabled' },
	Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: { type: 'boolean', bound: 'enforcePasswordFallback' },
	Accounts_TwoFactorAuthentication_RememberFor: { type: 'int', bound: 'twoFactorRememberForSeconds' },
	Accounts_LoginExpiration: { type: 'int', bound: 'loginExpirationDays' },
	FileUpload_MaxFileSize: { type: 'int', bound: 'maxFileSize' },
};

export function defaultSettingValues(): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [id, def] of Object.entries(SETTINGS)) if (!def.bound) out[id] = def.value;
	return out;
}

interface SettingsHolder {
	settings: SimSettings;
	settingValues: Record<string, unknown>;
}

export function readSetting(holder: SettingsHolder, id: string): unknown {
	const def = SETTINGS[id];
	if (!def) return undefined;
	return def.bound ? holder.settings[def.bound] : holder.settingValues[id];
}

/** A boolean setting as the routes consult it. */
export function settingOn(holder: SettingsHolder, id: keyof typeof SETTINGS): boolean {
	return readSetting(holder, id) === true;
}

/** Returns an error text when the value does not fit the setting's type, as the server's check does. */
export function writeSetting(holder: SettingsHolder, id: string, value: unknown): string | undefined {
	const def = SETTINGS[id];
	if (!def) return `Setting ${id} is not modelled by the simulator`;
	const fits =
		def.type === 'boolean' ? typeof value === 'boolean' : def.type === 'int' ? typeof value === 'number' && Number.isInteger(value) : typeof value === 'string' && (!def.values || def.values.includes(value));
	if (!fits) return 'Invalid setting value';
	if (def.bound) (holder.settings as unknown as Record<string, unknown>)[def.bound] = value;
	else holder.settingValues[id] = value;
	return undefined;
}
