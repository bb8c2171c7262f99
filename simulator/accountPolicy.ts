/**
 * Account rules that several user routes share and that settings switch: blocked usernames, custom fields,
 * the password policy and the roles of new users. Each follows the server function it names.
 */
import { MeteorError } from './errors';
import { readSetting } from './settings';
import type { SimState } from './state';

/** Accounts_SystemBlockedUsernameList's hidden default. */
const SYSTEM_BLOCKED_USERNAMES = ['admin', 'administrator', 'system', 'user'];

/**
 * checkUsernameAvailability's block list: 'all' and 'here', the system list and Accounts_BlockedUsernameList,
 * each compared whole and case-insensitively.
 */
export function usernameBlocked(state: SimState, username: string): boolean {
	const custom = String(readSetting(state, 'Accounts_BlockedUsernameList') ?? '').split(',');
	const blocked = ['all', 'here', ...SYSTEM_BLOCKED_USERNAMES, ...custom].map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0);
	return blocked.includes(username.trim().toLowerCase());
}

/** checkUsernameAvailability throws for a blocked name (users.create, users.register, checkUsernameAvailability). */
export function assertUsernameNotBlocked(state: SimState, username: string): void {
	if (usernameBlocked(state, username)) {
		throw new MeteorError('error-blocked-username', `${username} is blocked and can't be used!`, { method: 'checkUsernameAvailability', field: username });
	}
}

/** saveUserIdentity: setUsername gives up on a blocked name and the whole identity change fails. */
export function assertIdentitySavable(state: SimState, username: string | undefined): void {
	if (username !== undefined && usernameBlocked(state, username)) {
		throw new MeteorError('error-could-not-save-identity', 'Could not save user identity', { method: 'saveUserIdentity' });
	}
}

interface CustomFieldDefinition {
	type?: string;
	required?: boolean;
	minLength?: number;
	maxLength?: number;
}

function customFieldDefinitions(state: SimState): Record<string, CustomFieldDefinition> | undefined {
	const raw = String(readSetting(state, 'Accounts_CustomFields') ?? '').trim();
	if (!raw) return undefined;
	try {
		return JSON.parse(raw) as Record<string, CustomFieldDefinition>;
	} catch {
		throw new MeteorError('error-invalid-customfield-json', 'Invalid JSON for Custom Fields');
	}
}

/** validateCustomFields: required, minLength and maxLength of each defined field; nothing while none is defined. */
export function validateCustomFields(state: SimState, values: Record<string, unknown>): void {
	const definitions = customFieldDefinitions(state);
	if (!definitions) return;
	const refuse = (reason: string) => new MeteorError('error-user-registration-custom-field', reason, { method: 'registerUser' });
	for (const [name, definition] of Object.entries(definitions)) {
		const value = values[name];
		const text = typeof value === 'string' ? value.trim() : value;
		if (definition.required && (text === undefined || text === null || text === '')) throw refuse(`Field ${name} is required`);
		if (typeof text !== 'string') continue;
		if (definition.maxLength !== undefined && text.length > definition.maxLength) throw refuse(`Max length of field ${name} ${definition.maxLength}`);
		if (definition.minLength !== undefined && text.length < definition.minLength) throw refuse(`Min length of field ${name} ${definition.minLength}`);
	}
}

/** getNewUserRoles: Accounts_Registration_Users_Default_Roles, comma-separated. */
export function newUserRoles(state: SimState): string[] {
	return String(readSetting(state, 'Accounts_Registration_Users_Default_Roles') ?? '')
		.split(',')
		.map((role) => role.trim())
		.filter((role) => role.length > 0);
}

const POLICY_MESSAGES = {
	minLength: 'The password does not meet the minimum length password policy.',
	maxLength: 'The password does not meet the maximum length password policy.',
	repeatingCharacters: 'The password contains repeating characters which is against the password policy.',
	oneLowercase: 'The password does not contain at least one lowercase character which is against the password policy.',
	oneUppercase: 'The password does not contain at least one uppercase character which is against the password policy.',
	oneNumber: 'The password does not contain at least one numerical character which is against the password policy.',
	oneSpecial: 'The password does not contain at least one special character which is against the password policy.',
} as const;

/**
 * PasswordPolicy.validate while Accounts_Password_Policy_Enabled is on: every rule the password breaks is
 * listed in `details` of one error-password-policy-not-met.
 */
export function assertPasswordPolicy(state: SimState, password: string): void {
	const setting = (id: string) => readSetting(state, `Accounts_Password_Policy_${id}`);
	if (setting('Enabled') !== true) return;
	const broken: Array<keyof typeof POLICY_MESSAGES> = [];
	const min = Number(setting('MinLength'));
	const max = Number(setting('MaxLength'));
	if (min > 0 && password.length < min) broken.push('minLength');
	if (max > 0 && password.length > max) broken.push('maxLength');
	const repeat = Number(setting('ForbidRepeatingCharactersCount'));
	if (setting('ForbidRepeatingCharacters') === true && repeat > 0 && new RegExp(`(.)\\1{${repeat},}`).test(password)) broken.push('repeatingCharacters');
	if (setting('AtLeastOneLowercase') === true && !/[a-z]/.test(password)) broken.push('oneLowercase');
	if (setting('AtLeastOneUppercase') === true && !/[A-Z]/.test(password)) broken.push('oneUppercase');
	if (setting('AtLeastOneNumber') === true && !/[0-9]/.test(password)) broken.push('oneNumber');
	if (setting('AtLeastOneSpecialCharacter') === true && !/[^A-Za-z0-9]/.test(password)) broken.push('oneSpecial');
	if (broken.length === 0) return;
	throw new MeteorError(
		'error-password-policy-not-met',
		"The password provided does not meet the server's password policy.",
		broken.map((rule) => ({ error: `error-password-policy-not-met-${rule}`, message: POLICY_MESSAGES[rule] })),
	);
}
