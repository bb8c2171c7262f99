import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Term',
		name: 'term',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ali',
		description: 'Beginning of the name or username to look for',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Conditions (JSON)',
				name: 'conditions',
				type: 'json',
				default: '{}',
				description: 'Extra conditions on the users as a JSON object, e.g. {"status": "online"}',
			},
			{
				displayName: 'Exceptions',
				name: 'exceptions',
				type: 'string',
				default: '',
				placeholder: 'e.g. rocket.cat, jane.doe',
				description: 'Comma-separated usernames to leave out of the results',
			},
		],
	},
];

export const description = forOperation('user', 'autocomplete', properties);

export const toolDescription =
	'Read only: find Rocket.Chat users whose name or username starts with a search term and return the matching users.';

/**
 * The official spec types `selector` as an object, but the server parses it from a JSON string
 * (`selector={"term":…}`), so the query carries the serialised selector.
 */
export const build: Operation['build'] = (p) => {
	const options = p.collection('options');
	const selector: IDataObject = { term: p.requiredString('term') };
	const exceptions = p.toList(options.exceptions, 'exceptions').map((name) => name.replace(/^@/, ''));
	if (exceptions.length > 0) selector.exceptions = exceptions;
	const conditions = p.parseJsonObject(options.conditions, 'conditions');
	if (conditions && Object.keys(conditions).length > 0) selector.conditions = conditions;
	return {
		method: 'GET',
		path: '/api/v1/users.autocomplete',
		qs: { selector: JSON.stringify(selector) },
		output: { key: 'items', each: true },
	};
};
