import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Parameters } from '../parameters';

/** The user fields of users.create and users.update, by name; each operation picks its own set. */
export const userFieldOptions: Record<string, INodeProperties> = {
	active: {
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether the user is active. A deactivated user cannot log in.',
	},
	bio: {
		displayName: 'Bio',
		name: 'bio',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'A short text about the user',
	},
	customFields: {
		displayName: 'Custom Fields (JSON)',
		name: 'customFields',
		type: 'json',
		default: '{}',
		description:
			'Custom fields as a JSON object, e.g. {"department": "Sales"}. They must be defined in the workspace settings.',
	},
	email: {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'The e-mail address',
	},
	joinDefaultChannels: {
		displayName: 'Join Default Channels',
		name: 'joinDefaultChannels',
		type: 'boolean',
		default: true,
		description: "Whether the user joins the workspace's default channels",
	},
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'The display name',
	},
	nickname: {
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		description: "The user's nickname",
	},
	password: {
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'The new password',
	},
	requirePasswordChange: {
		displayName: 'Require Password Change',
		name: 'requirePasswordChange',
		type: 'boolean',
		default: false,
		description: 'Whether the user must change the password at the next login',
	},
	roles: {
		displayName: 'Role Names or IDs',
		name: 'roles',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getRoles' },
		default: [],
		description:
			'The roles of the user. Custom roles are identified by their ID. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	sendWelcomeEmail: {
		displayName: 'Send Welcome Email',
		name: 'sendWelcomeEmail',
		type: 'boolean',
		default: false,
		description: 'Whether to send the user the welcome e-mail',
	},
	setRandomPassword: {
		displayName: 'Set Random Password',
		name: 'setRandomPassword',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace the password with a random one that the user receives by e-mail and must change at the first login',
	},
	statusText: {
		displayName: 'Status Text',
		name: 'statusText',
		type: 'string',
		default: '',
		description: 'The status message',
	},
	username: {
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		placeholder: 'e.g. jane.doe',
		description: 'The username, without a leading @',
	},
	verified: {
		displayName: 'Verified',
		name: 'verified',
		type: 'boolean',
		default: false,
		description: 'Whether the e-mail address is marked as verified',
	},
};

type FieldKind = 'text' | 'clearableText' | 'email' | 'username' | 'password' | 'boolean' | 'roles' | 'customFields';

const FIELD_KINDS: Record<string, FieldKind> = {
	active: 'boolean',
	bio: 'clearableText',
	customFields: 'customFields',
	email: 'email',
	joinDefaultChannels: 'boolean',
	name: 'text',
	nickname: 'clearableText',
	password: 'password',
	requirePasswordChange: 'boolean',
	roles: 'roles',
	sendWelcomeEmail: 'boolean',
	setRandomPassword: 'boolean',
	statusText: 'clearableText',
	username: 'username',
	verified: 'boolean',
};

/**
 * Validates one user field value, as typed or as an expression gave it. `undefined`: do not send it. `field` names
 * the value in errors when it did not come from the node's field of that name (an input item's field).
 */
export function userFieldValue(p: Parameters, name: string, value: unknown, field = name): unknown {
	switch (FIELD_KINDS[name]) {
		case 'text': {
			const text = p.toText(value, field);
			if (text === '') p.fail(field, 'a value is required');
			return text;
		}
		case 'clearableText':
			// Empty text is sent: it clears the value.
			return p.toText(value, field);
		case 'email':
			return p.toEmail(value, field);
		case 'username':
			return p.toUsername(value, field);
		case 'password':
			return p.toSecret(value, field);
		case 'boolean':
			if (value === true || value === 'true') return true;
			if (value === false || value === 'false') return false;
			return p.fail(field, `expected true or false, got ${JSON.stringify(value)}`);
		case 'roles': {
			const roles = p.toList(value, field);
			if (roles.length === 0) p.fail(field, 'choose at least one role, or remove the field');
			return roles;
		}
		case 'customFields': {
			const customFields = p.parseJsonObject(value, field);
			return customFields && Object.keys(customFields).length > 0 ? customFields : undefined;
		}
		default:
			return undefined;
	}
}

/** Who the user is: the fields Create and Create or Update can take from the input item instead. */
const IDENTITY_FIELDS = ['name', 'email', 'username'] as const;
type Identity = Record<(typeof IDENTITY_FIELDS)[number], string>;

const AUTO_MAP = 'autoMapInputData';

/** Where Create and Create or Update take name, e-mail and username from (n8n's "Data to Send" of database nodes). */
export const dataToSendField: INodeProperties = {
	displayName: 'Data to Send',
	name: 'dataToSend',
	type: 'options',
	options: [
		{
			name: 'Auto-Map Input Data to Fields',
			value: AUTO_MAP,
			description: 'Use when the input items have fields named exactly name, email and username',
		},
		{
			name: 'Define Below',
			value: 'defineBelow',
			description: 'Set name, e-mail and username in the fields below',
		},
	],
	default: 'defineBelow',
	description:
		'Where name, e-mail and username come from: the input items (e.g. rows of a spreadsheet or an HR system) or the fields below',
	// An AI agent fills the fields below itself; its tool call has no such input item.
	displayOptions: { hide: { '@tool': [true] } },
};

/**
 * The name, e-mail and username fields of an operation, hidden when they come from the input. Hidden rather than
 * shown for Define Below: in the tool variant Data to Send is not there at all, and the fields must be.
 */
export function identityField(name: (typeof IDENTITY_FIELDS)[number], overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...userFieldOptions[name],
		required: true,
		...overrides,
		displayOptions: { hide: { dataToSend: [AUTO_MAP] } },
	};
}

/** Name, e-mail and username, validated: from the fields below, or from the input item's fields of the same names. */
export function identityValues(p: Parameters): Identity {
	const identity = {} as Identity;
	if (p.string('dataToSend') !== AUTO_MAP) {
		for (const name of IDENTITY_FIELDS) identity[name] = userFieldValue(p, name, p.raw(name)) as string;
		return identity;
	}
	const input = p.input();
	for (const name of IDENTITY_FIELDS) {
		const field = `Input field "${name}"`;
		if (input[name] === undefined || input[name] === null) {
			p.fail(field, `missing: with Data to Send set to Auto-Map Input Data, every item needs a field named ${name} (or choose Define Below)`);
		}
		identity[name] = userFieldValue(p, name, input[name], field) as string;
	}
	return identity;
}

/** The request fields of a collection: only the ones offered (`allowed`), validated. */
export function userFields(p: Parameters, collection: string, allowed: string[]): IDataObject {
	const values = p.collection(collection);
	const data: IDataObject = {};
	for (const name of allowed) {
		if (!(name in values)) continue;
		const value = userFieldValue(p, name, values[name]);
		if (value !== undefined) data[name] = value as IDataObject[keyof IDataObject];
	}
	return data;
}
