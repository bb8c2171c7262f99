import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Full Export',
		name: 'fullExport',
		type: 'boolean',
		default: false,
		description:
			'Whether to request the full export of your data (JSON files, like "Export My Data" in the account settings) instead of the HTML download for viewing',
	},
];

export const description = forOperation('user', 'requestDataDownload', properties);

export const toolDescription = 'Changes data: start an export of the data of the account of the n8n credential.';

// A GET that queues an export on the server; the User Data Download feature must be enabled.
export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.requestDataDownload',
	qs: { fullExport: p.boolean('fullExport') ? 'true' : 'false' },
	output: {},
});
