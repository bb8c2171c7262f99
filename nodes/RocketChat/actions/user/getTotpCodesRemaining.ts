import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Counts the unused TOTP backup codes of the credential user (Rocket.Chat 8.8 or later). The codes themselves are never returned. Fails when the account has no authenticator-app (TOTP) two-factor authentication.',
		name: 'totpCodesNotice',
		type: 'notice',
		default: '',
	},
];

export const toolDescription =
	'Read only: count the unused TOTP backup codes of the account of the n8n credential; the codes themselves are never returned.';

export const description = forOperation('user', 'getTotpCodesRemaining', properties);

// GET /v1/users.totp.codesRemaining replaced the DDP method 2fa:checkCodesRemaining in 8.8.0 (RocketChat/Rocket.Chat#40734).
// The published 8.8 API reference calls it users.totpCodesRemaining; the server source registers users.totp.codesRemaining.
export const build: Operation['build'] = () => ({
	method: 'GET',
	path: '/api/v1/users.totp.codesRemaining',
	since: '8.8',
	output: {},
});
