import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', { byUsername: false, description: 'The user to report to the moderators' }),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Sends spam links in #general',
		description: 'Why the user is reported; the moderators see this text',
	},
];

export const description = forOperation('user', 'report', properties);

export const toolDescription = 'Changes data: report a Rocket.Chat user to the moderators with a description.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/moderation.reportUser',
	body: { userId: p.userId('user'), description: p.requiredString('reason') },
	output: {},
});
