import { forOperation, type Operation } from '../operation';

export const description = forOperation('user', 'getPreferences', []);

export const toolDescription = 'Read only: get the preferences of the account of the n8n credential.';

export const build: Operation['build'] = () => ({
	method: 'GET',
	path: '/api/v1/users.getPreferences',
	output: { key: 'preferences' },
});
