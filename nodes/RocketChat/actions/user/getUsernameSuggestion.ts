import { forOperation, type Operation } from '../operation';

export const description = forOperation('user', 'getUsernameSuggestion', []);

export const toolDescription = 'Read only: suggest a free username for the account of the n8n credential.';

export const build: Operation['build'] = () => ({
	method: 'GET',
	path: '/api/v1/users.getUsernameSuggestion',
	output: {},
});
