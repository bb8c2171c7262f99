import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { userLocator } from '../shared/fields';

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		byUsername: false,
		description: 'The user whose teams to list. Without the view-all-teams permission only teams you can see are returned.',
	}),
];

export const description = forOperation('user', 'getTeams', properties);

export const toolDescription = 'Read only: list the teams a Rocket.Chat user belongs to.';

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/users.listTeams',
	qs: { userId: p.userId('user') },
	output: { key: 'teams', each: true },
});
