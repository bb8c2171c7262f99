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

/** Validates one user field value, as typed or as an expression gave it. `undefined`: do not send it. */
export function userFieldValue(p: Parameters, name: string, value: unknown): unknown {
	switch (FIELD_KINDS[name]) {
		case 'text': {
			const text = p.toText(value, name);
			if (text === '') p.fail(name, 'a value is required');
			return text;
		}
		case 'clearableText':
			// Empty text is sent: it clears the value.
			return p.toText(value, name);
		case 'email':
			return p.toEmail(value, name);
		case 'username':
			return p.toUsername(value, name);
		case 'password':
			return p.toSecret(value, name);
		case 'boolean':
			if (value === true || value === 'true') return true;
			if (value === false || value === 'false') return false;
			return p.fail(name, `expected true or false, got ${JSON.stringify(value)}`);
		case 'roles': {
			const roles = p.toList(value, name);
			if (roles.length === 0) p.fail(name, 'choose at least one role, or remove the field');
			return roles;
		}
		case 'customFields': {
			const customFields = p.parseJsonObject(value, name);
			return customFields && Object.keys(customFields).length > 0 ? customFields : undefined;
		}
		default:
			return undefined;
	}
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
