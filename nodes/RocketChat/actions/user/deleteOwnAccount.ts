import type { INodeProperties } from 'n8n-workflow';
import { sha256Hex } from '../../transport/twoFactor';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The current password of the credential user, to confirm the deletion. It is sent as its SHA-256 hash.',
	},
	{
		displayName: 'Confirm Relinquish',
		name: 'confirmRelinquish',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the account even if it is the last owner of a room; the oldest member of such a room becomes its owner',
	},
];

export const description = forOperation('user', 'deleteOwnAccount', properties);

export const toolDescription = 'Changes data: delete the account of the n8n credential permanently.';

// Deletes the credential's own account: the workspace must allow it (Accounts_AllowDeleteOwnAccount).
export const build: Operation['build'] = (p) => {
	const password = p.secret('password');
	return {
		method: 'POST',
		path: '/api/v1/users.deleteOwnAccount',
		body: { password: sha256Hex(password), confirmRelinquish: p.boolean('confirmRelinquish') },
		// The route's bare "Not allowed [error-not-allowed]" (a 403 error-forbidden on 9.0) is this setting.
		refusal:
			'The workspace setting "Allow Users to Delete Own Account" (Accounts_AllowDeleteOwnAccount) is off, so Rocket.Chat refuses it: this is not a missing permission. An admin can turn it on in Administration → Settings → Accounts.',
		output: { map: () => ({ success: true }) },
	};
};
