import type { INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import { twoFactorOverride, twoFactorOverrideField } from '../shared/fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Turns off e-mailed two-factor codes for the credential user. The server always asks for a 2FA code here, even right after another 2FA check: it comes from the credential, or from the override below (for example a code sent with Send 2FA Email Code).',
		name: 'disable2faEmailNotice',
		type: 'notice',
		default: '',
	},
	twoFactorOverrideField,
];

export const description = forOperation('user', 'disable2faEmail', properties);

export const toolDescription = 'Changes data: turn off e-mailed two-factor codes for the account of the n8n credential.';

export const build: Operation['build'] = (p) => ({
	method: 'POST',
	path: '/api/v1/users.2fa.disableEmail',
	twoFactor: twoFactorOverride(p),
	output: {},
});
