import { forOperation, type Operation } from '../operation';

export const description = forOperation('user', 'getUsernameSuggestion', []);

export const build: Operation['build'] = () => ({
	method: 'GET',
	path: '/api/v1/users.getUsernameSuggestion',
	output: {},
});
