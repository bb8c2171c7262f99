import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'User IDs',
		name: 'ids',
		type: 'string',
		default: '',
		placeholder: 'e.g. J4sWseCgs8eEnWvhE, BsNr28znDkG8aeo7W',
		description:
			'Comma-separated IDs of the users to get; those who are offline are left out. Leave empty for everyone who is not offline.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Changed Since',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					'Only users whose presence changed after this time (yourself excluded). The server ignores a time more than 10 minutes back and returns everyone who is not offline, as it does without this option.',
			},
		],
	},
];

export const description = forOperation('user', 'getManyPresences', properties);

export const toolDescription = 'Read only: get the presence of many Rocket.Chat users and return one item per user.';

// One output item per user. If the workspace disables presence broadcast, the list is empty.
export const build: Operation['build'] = (p) => {
	const qs: IDataObject = {};
	const from = p.toIsoDateTime(p.collection('options').from, 'from');
	if (from) qs.from = from;
	const ids = p.list('ids');
	if (ids.length > 0) qs.ids = ids.join(',');
	return {
		method: 'GET',
		path: '/api/v1/users.presence',
		qs,
		output: { key: 'users', each: true },
	};
};
