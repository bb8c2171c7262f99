import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { pagination, returnAllFields, simplifyField, sortField, sortQuery, userOutput } from '../shared/fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only the user with this e-mail address (Rocket.Chat 8.4 or later)',
			},
			{
				...sortField,
				placeholder: '{"name": 1}',
				description:
					'Sort order as a JSON object: field names with 1 (ascending) or -1 (descending). Rocket.Chat sorts by name, createdAt or status.',
			},
		],
	},
];

export const description = forOperation('user', 'getAll', properties);

export const toolDescription = 'Read only: get many Rocket.Chat users and return one item per user.';

/**
 * The deprecated `query` and `fields` parameters are never sent: servers from 7.0 ignore them and newer ones
 * reject them. What is left to filter by is the e-mail address; richer filters are in Get Many by Status.
 */
export const build: Operation['build'] = (p) => {
	const options = p.collection('options');
	const qs: IDataObject = {};
	const email = p.toAddedText(options.email, 'email');
	if (email !== undefined) qs.email = email;
	const sort = sortQuery(p, options.sort);
	if (sort) qs.sort = sort;
	return {
		method: 'GET',
		path: '/api/v1/users.list',
		qs,
		permission: 'view-d-room',
		paginate: pagination(p, 'users'),
		output: userOutput(p, 'users', true),
	};
};
