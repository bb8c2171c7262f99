import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const STATUSES = ['away', 'busy', 'offline', 'online'];

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		required: false,
		description:
			'The user whose status to set. Leave empty for the credential user. Other users need the edit-other-user-info permission.',
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Set a status, a status message or both',
		options: [
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description:
					'When the status ends and the previous one comes back. Must be in the future (Rocket.Chat 8.6 and later).',
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '',
				placeholder: 'e.g. In a meeting',
				description: 'The status message. Add this field and leave it empty to clear the message.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Away', value: 'away' },
					{ name: 'Busy', value: 'busy' },
					{ name: 'Offline', value: 'offline' },
					{ name: 'Online', value: 'online' },
				],
				default: 'online',
				description: 'Offline is only allowed when the workspace allows the invisible status',
			},
		],
	},
];

export const description = forOperation('user', 'setStatus', properties);

export const build: Operation['build'] = (p) => {
	const fields = p.collection('updateFields');
	const body: IDataObject = {};

	// An explicitly added, empty message clears the current one.
	if (fields.message !== undefined && fields.message !== null) body.message = p.toText(fields.message, 'message');
	if (fields.status !== undefined && fields.status !== null && fields.status !== '') {
		const status = String(fields.status).trim().toLowerCase();
		if (!STATUSES.includes(status)) {
			p.fail('status', `expected online, away, busy or offline, got ${JSON.stringify(fields.status)}`);
		}
		body.status = status;
	}
	if (body.message === undefined && body.status === undefined) {
		p.fail('updateFields', 'add a Status or a Message (or both)');
	}

	const expiresAt = p.toIsoDateTime(fields.expiresAt, 'expiresAt');
	if (expiresAt !== undefined) {
		if (Date.parse(expiresAt) <= p.now) p.fail('expiresAt', `must be in the future, got ${expiresAt}`);
		body.expiresAt = expiresAt;
	}

	const user = p.optionalUser('user');
	return {
		method: 'POST',
		path: '/api/v1/users.setStatus',
		body: { ...body, ...user },
		...(user ? { permission: 'edit-other-user-info' } : {}),
		output: { map: () => ({ success: true }) },
	};
};
