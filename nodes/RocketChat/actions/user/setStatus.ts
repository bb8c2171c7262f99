import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { versionAtLeast, type RequestSpec } from '../../transport/spec';
import { forOperation, type Operation } from '../operation';
import { userLocator, userStatus, userStatusOptions } from '../shared/fields';

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
					'When the status ends and the previous one comes back. Must be in the future. Needs Rocket.Chat 8.6 or later: older servers would ignore it, so the node stops with an error there.',
			},
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '',
				placeholder: 'e.g. In a meeting',
				description:
					'The status message, at most 120 characters (the server trims it and cuts the rest). Add this field and leave it empty to clear the message.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: userStatusOptions,
				default: 'online',
				description: 'Offline is only allowed when the workspace allows the invisible status',
			},
		],
	},
];

export const description = forOperation('user', 'setStatus', properties);

export const toolDescription =
	'Changes data: set the status and status message of a Rocket.Chat user, or of the account of the n8n credential when no user is given.';

export const build: Operation['build'] = (p) => {
	const fields = p.collection('updateFields');
	const body: IDataObject = {};

	// An explicitly added, empty message clears the current one.
	if (fields.message !== undefined && fields.message !== null) body.message = p.toText(fields.message, 'message');
	if (fields.status !== undefined && fields.status !== null && fields.status !== '') {
		body.status = userStatus(p, fields.status, 'status');
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
	const spec: RequestSpec = {
		method: 'POST',
		path: '/api/v1/users.setStatus',
		body: { ...body, ...user },
		...(user ? { permission: 'edit-other-user-info' } : {}),
		output: { map: () => ({ success: true }) },
	};
	if (expiresAt === undefined) return spec;
	// Servers before 8.6 accept expiresAt without reading it: the status would never end.
	return {
		run: async (steps) => {
			const version = await steps.serverVersion();
			if (!versionAtLeast(version, 8, 6)) {
				p.fail('expiresAt', `needs Rocket.Chat 8.6 or later; this server is ${version.major}.${version.minor} and would keep the status until it is changed`);
			}
			return await steps.request(spec);
		},
	};
};
