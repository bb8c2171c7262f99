import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { sha256Hex } from '../../transport/twoFactor';
import { forOperation, type Operation } from '../operation';
import type { Parameters } from '../parameters';
import { userStatus, userStatusOptions } from '../shared/fields';
import { userFieldOptions } from '../shared/userFields';

/** A profile field as Create and Update offer it, described for the credential's own account. */
const own = (name: string, description: string): INodeProperties => ({ ...userFieldOptions[name], description });

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			own('bio', 'A short text about yourself. Leave empty to clear it.'),
			userFieldOptions.customFields,
			own('email', 'The new e-mail address. Needs the current password.'),
			userFieldOptions.name,
			{
				displayName: 'New Password',
				name: 'newPassword',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The new password. Needs the current password.',
			},
			own('nickname', 'The nickname. Leave empty to clear it.'),
			own('statusText', 'The status message. Leave empty to clear it.'),
			{
				displayName: 'Status Type',
				name: 'statusType',
				type: 'options',
				options: userStatusOptions,
				default: 'online',
				description: 'The status',
			},
			own('username', 'The new username'),
		],
	},
	{
		displayName: 'Current Password',
		name: 'currentPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Your current password. Required to change the e-mail or the password, and only sent then (as its SHA-256 hash).',
	},
];

export const description = forOperation('user', 'updateOwnBasicInfo', properties);

export const toolDescription =
	'Changes data: update the name, e-mail, password and profile of the account of the n8n credential.';

/** Text the server cannot take empty (it would be rejected or mean "no change"). */
function nonEmpty(p: Parameters, name: string, value: unknown): string {
	const text = p.toText(value, name);
	if (text === '') p.fail(name, 'a value is required when the field is added');
	return text;
}

/**
 * No 2FA headers: the server does not declare this route `twoFactorRequired` (the spec lists the headers as
 * optional "cond"), so it never reads them. When the e-mail or password changes, the server's profile method
 * asks for a second factor itself and accepts the current password (SHA-256) from the body as that factor.
 * Hence the current password is required for those changes instead of a Two-Factor Override.
 */
export const build: Operation['build'] = (p) => {
	const fields = p.collection('updateFields');
	const data: IDataObject = {};

	if (fields.email !== undefined) {
		data.email = p.toEmail(nonEmpty(p, 'email', fields.email), 'email');
	}
	if (fields.newPassword !== undefined) {
		data.newPassword = p.toSecret(fields.newPassword, 'newPassword', 'a value is required when the field is added');
	}
	if (fields.username !== undefined) {
		const username = nonEmpty(p, 'username', fields.username).replace(/^@/, '');
		if (username === '') p.fail('username', 'a value is required when the field is added');
		data.username = username;
	}
	if (fields.name !== undefined) data.name = nonEmpty(p, 'name', fields.name);
	for (const key of ['nickname', 'bio', 'statusText']) {
		const value = fields[key];
		if (value !== undefined && value !== null) data[key] = p.toText(value, key);
	}
	if (fields.statusType !== undefined && fields.statusType !== '') {
		data.statusType = userStatus(p, fields.statusType, 'statusType');
	}
	const customFields = p.parseJsonObject(fields.customFields, 'customFields');
	const hasCustomFields = customFields !== undefined && Object.keys(customFields).length > 0;

	if (Object.keys(data).length === 0 && !hasCustomFields) {
		p.fail('updateFields', 'add at least one field to update');
	}
	if (data.email !== undefined || data.newPassword !== undefined) {
		data.currentPassword = sha256Hex(p.secret('currentPassword', 'required to change the e-mail or the password'));
	}

	return {
		method: 'POST',
		path: '/api/v1/users.updateOwnBasicInfo',
		body: { data, ...(hasCustomFields ? { customFields } : {}) },
		// saveUserProfile's bare "Not allowed [error-not-allowed]" (a 403 error-forbidden on 9.0) is this setting.
		refusal:
			'The workspace setting "Allow User Profile Change" (Accounts_AllowUserProfileChange) is off, so Rocket.Chat refuses every change to the own profile: this is not a missing permission. An admin can turn it on in Administration → Settings → Accounts.',
		output: { key: 'user' },
	};
};
