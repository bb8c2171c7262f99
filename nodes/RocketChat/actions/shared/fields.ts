import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Parameters } from '../parameters';
import type { RequestSpec, TwoFactorMethod, TwoFactorOverride } from '../../transport/spec';

/** Rocket.Chat clamps `count` to 100 (API_Upper_Count_Limit), so that is the largest useful page. */
export const MAX_PAGE_SIZE = 100;

/**
 * A user picker: From List (searchable), By ID, By Username. Endpoints that only take a `userId`
 * set `byUsername: false`, so a username can never be sent where the server ignores it.
 */
export function userLocator(
	name: string,
	displayName: string,
	options: { required?: boolean; description?: string; byUsername?: boolean } = {},
): INodeProperties {
	const byUsername = options.byUsername ?? true;
	const required = options.required ?? true;
	// n8n checks the pattern on an empty value too: an optional picker left empty means "own account".
	const idPattern = required ? '^[A-Za-z0-9_-]+$' : '^[A-Za-z0-9_-]*$';
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user...',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. BsNr28znDkG8aeo7W',
				validation: [
					{
						type: 'regex',
						properties: { regex: idPattern, errorMessage: 'Not a valid Rocket.Chat user ID' },
					},
				],
			},
			...(byUsername
				? [{ displayName: 'By Username', name: 'username', type: 'string' as const, placeholder: 'e.g. jane.doe' }]
				: []),
		],
	};
}

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		hint: 'As a tool for an AI agent, a Limit of about 20 (with Simplify) keeps the answer small',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return only what is needed to decide and act on each user (ID, username, name, e-mails, status, active, roles, last login; creation date where the answer has it) instead of the raw data',
};

/** Filters users by role (Get Many by Status, the trigger's New User); the server's roles as options. */
export const roleFilterField: INodeProperties = {
	displayName: 'Role Names or IDs',
	name: 'roles',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoles' },
	default: [],
	description:
		'Only users with one of these roles. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const sortField: INodeProperties = {
	displayName: 'Sort (JSON)',
	name: 'sort',
	type: 'json',
	default: '',
	placeholder: '{"createdAt": -1}',
	description: 'Sort order as a JSON object: field names with 1 (ascending) or -1 (descending)',
};

/**
 * A Sort (JSON) value as the query string wants it: a JSON object of field → 1 | -1, sent as text.
 * The server rejects any other direction (`error-invalid-sort-parameter`), so that is checked here.
 */
export function sortQuery(p: Parameters, value: unknown, name = 'sort'): string | undefined {
	const sort = p.parseJsonObject(value, name);
	if (sort === undefined || Object.keys(sort).length === 0) return undefined;
	for (const [key, direction] of Object.entries(sort)) {
		if (direction !== 1 && direction !== -1) {
			p.fail(name, `"${key}" must be 1 (ascending) or -1 (descending), got ${JSON.stringify(direction)}`);
		}
	}
	return JSON.stringify(sort);
}

/** The statuses a user can set (users.setStatus `status`, users.updateOwnBasicInfo `statusType`). */
export const userStatusOptions = [
	{ name: 'Away', value: 'away' },
	{ name: 'Busy', value: 'busy' },
	{ name: 'Offline', value: 'offline' },
	{ name: 'Online', value: 'online' },
];

/** A status value as typed or from an expression: one of userStatusOptions, any case. */
export function userStatus(p: Parameters, value: unknown, name: string): string {
	const status = String(value).trim().toLowerCase();
	if (!userStatusOptions.some((option) => option.value === status)) {
		p.fail(name, `expected online, away, busy or offline, got ${JSON.stringify(value)}`);
	}
	return status;
}

/** Where operations that download a file put it. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

export const twoFactorMethodOptions = [
	{ name: 'E-Mail Code', value: 'email' },
	{ name: 'Password', value: 'password' },
	{ name: 'TOTP (Authenticator App)', value: 'totp' },
];

/** Per-call override for operations the server gates with 2FA (e.g. a code sent by e-mail). */
export const twoFactorOverrideField: INodeProperties = {
	displayName: 'Two-Factor Override',
	name: 'twoFactorOverride',
	type: 'collection',
	placeholder: 'Add 2FA Code',
	default: {},
	description:
		'This operation is protected by two-factor authentication. By default the 2FA settings of the credential are used; set a code here to use it instead (for example a code sent by e-mail).',
	options: [
		{
			displayName: '2FA Code',
			name: 'code',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The code to send. For the Password method enter the account password; it is sent as its SHA-256 hash.',
		},
		{
			displayName: '2FA Method',
			name: 'method',
			type: 'options',
			options: twoFactorMethodOptions,
			default: 'email',
			description: 'Which kind of code this is',
		},
	],
};

/** Reads the per-call 2FA override; an empty object means "use the credential". */
export function twoFactorOverride(p: Parameters): TwoFactorOverride {
	const values = p.collection('twoFactorOverride');
	const code = typeof values.code === 'string' ? values.code.trim() : '';
	if (code === '') return {};
	return { code, method: (values.method as TwoFactorMethod | undefined) ?? 'email' };
}

/** Return All / Limit as a pagination spec. */
export function pagination(p: Parameters, itemsKey: string): NonNullable<RequestSpec['paginate']> {
	const returnAll = p.boolean('returnAll');
	return { itemsKey, returnAll, limit: returnAll ? 0 : p.integer('limit', 1) };
}

/**
 * The fields needed to decide about a user and to act on it, under stable names: small enough for an AI
 * agent's context. E-mails stay: Send Welcome Email, Forgot Password and Create or Update act by address.
 * One definition for the node and the trigger.
 */
export function simplifyUser(user: IDataObject): IDataObject {
	const emails = Array.isArray(user.emails) ? (user.emails as IDataObject[]) : [];
	return {
		id: user._id,
		username: user.username,
		name: user.name,
		emails: emails.map((email) => email.address),
		status: user.status,
		active: user.active,
		roles: user.roles,
		lastLogin: user.lastLogin,
		// Only some answers carry it (users.info, the trigger's Full Profile); users.list does not.
		...(user.createdAt === undefined ? {} : { createdAt: user.createdAt }),
	};
}

/** Output spec for operations that return users, honouring the Simplify option. */
export function userOutput(p: Parameters, key: string, each = false): RequestSpec['output'] {
	return p.boolean('simplify') ? { key, each, map: simplifyUser } : { key, each };
}

/** Execution-wide settings of the transport, shown for every operation. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 1,
			description:
				'How many input items to process at the same time. Output keeps the input order.',
		},
		{
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				"The most time one request may spend in total waiting for Rocket.Chat's rate limit (before sending and after each 429) before it fails. Requests refused with 429 are sent again after the reset.",
		},
		{
			displayName: 'Page Concurrency',
			name: 'pageConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 16 },
			default: 4,
			description:
				'With Return All: how many pages to fetch at the same time after the first. 1 fetches them one after another.',
		},
		{
			displayName: 'Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often to retry a read (GET) after a 502, 503 or 504 answer or a broken connection. Writes (POST) are never sent twice after such a failure, since they may already have taken effect.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60000,
			description: 'How long to wait for each answer of Rocket.Chat, in milliseconds',
		},
	],
};
