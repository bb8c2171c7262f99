import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class RocketChatWorkspaceApi implements ICredentialType {
	name = 'rocketChatWorkspaceApi';

	displayName = 'Rocket.Chat Workspace API';

	icon = {
		light: 'file:../nodes/RocketChat/rocketchat.svg',
		dark: 'file:../nodes/RocketChat/rocketchat.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-rocketchat/n8n-nodes-rocketchat#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://chat.example.com',
			description:
				'Address of the Rocket.Chat workspace (http or https). A trailing slash or a pasted /api/v1 is fine.',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			description:
				'ID of the user the token belongs to (shown when you create a personal access token under My Account → Personal Access Tokens)',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A personal access token (recommended) or a login token',
		},
		{
			displayName: 'Two-Factor Method',
			name: 'twoFactorMethod',
			type: 'options',
			options: [
				{
					name: 'None',
					value: 'none',
					description: 'Send no code; use a token created with "Ignore Two Factor Authentication"',
				},
				{
					name: 'Password',
					value: 'password',
					description:
						"Answer the server's 2FA challenge with the account password (sent as its SHA-256 hash). Only for accounts without e-mail or TOTP two-factor authentication: for those the server wants that method and refuses the password.",
				},
				{
					name: 'TOTP Secret',
					value: 'totp',
					description: 'Answer with a fresh authenticator-app code computed from the secret',
				},
			],
			default: 'none',
			description:
				'How operations that Rocket.Chat protects with two-factor authentication (e.g. Update user, device sessions of all users) answer the challenge when they run unattended',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { twoFactorMethod: ['password'] } },
			description: 'Password of the account the token belongs to',
		},
		{
			displayName: 'TOTP Secret',
			name: 'totpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { twoFactorMethod: ['totp'] } },
			description: 'The base32 secret of the authenticator app setup (the text behind the QR code)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				"Whether to connect even if the server's certificate cannot be verified (self-signed, unknown CA, expired, another name). Anyone who can intercept the connection can then pose as the server and read the token: prefer trusting the CA with NODE_EXTRA_CA_CERTS on every n8n process.",
		},
	];

	/**
	 * Sets the two headers directly. The generic form ('={{$credentials.userId}}') would have n8n evaluate two
	 * expressions on every request, which was most of the CPU the node spent per call beyond n8n's own.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...requestOptions.headers,
			'X-User-Id': String(credentials.userId ?? ''),
			'X-Auth-Token': String(credentials.authToken ?? ''),
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/api(\\/v1)?$/i, "")}}',
			url: '/api/v1/me',
			method: 'GET',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				// n8n fails the test when the key has this value: Rocket.Chat always answers /me with `success: true`, a
				// web page, an empty body or another service's JSON has no `success` (any 2xx passes otherwise).
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message:
						"The Server URL answered, but not as Rocket.Chat's API (no \"success\" in the answer to /api/v1/me): this looks like a web page, not the Rocket.Chat API: check the Server URL (the address Rocket.Chat opens at, e.g. https://chat.example.com).",
				},
			},
		],
	};
}
