import { NodeOperationError } from 'n8n-workflow';
import type { IAllExecuteFunctions, ICredentialsDecrypted, IDataObject } from 'n8n-workflow';
import { RateLimitTracker } from './rateLimit';
import type { ServerVersion } from './spec';
import type { CredentialTwoFactor } from './twoFactor';

export const CREDENTIAL_TYPE = 'rocketChatWorkspaceApi';

/** How patient and how parallel the transport is; the node's Request Options set these. */
export interface TransportSettings {
	/** Per request, in ms. */
	timeoutMs: number;
	/** Retries of a GET after 502/503/504 or a broken connection (a POST is never resent then). */
	maxRetries: number;
	/** The most one request waits in total for rate limits (pacing and 429s) before giving up, in ms. */
	maxRateLimitWaitMs: number;
	/** Pages fetched at once by Return All after the first page. */
	pageConcurrency: number;
	/** First retry delay in ms; doubles each time, with jitter. */
	retryDelayMs: number;
}

export const DEFAULT_SETTINGS: TransportSettings = {
	timeoutMs: 60_000,
	maxRetries: 3,
	maxRateLimitWaitMs: 60_000,
	pageConcurrency: 4,
	retryDelayMs: 500,
};

/** What the transport needs for one execution: the credential's data, settings and rate-limit state. */
export interface Connection {
	baseUrl: string;
	/** The origin of baseUrl, parsed once: what "the server's own origin" means for credentials and Ignore SSL Issues. */
	origin: string;
	/**
	 * The credential as read once for this execution, handed to n8n's httpRequestWithAuthentication with every
	 * request. Without it n8n reads the credential again per request: in n8n's app that is a database query, a
	 * decryption and its defaults applied, for the same data. n8n still applies the credential's `authenticate`.
	 */
	credential?: ICredentialsDecrypted;
	/**
	 * `rc_uid`/`rc_token` as a cookie for the avatar image routes, which do not read the REST headers: a server that
	 * blocks anonymous avatar access (Accounts_AvatarBlockUnauthenticatedAccess) serves the letter avatar without it.
	 * Sent only to the server's own origin.
	 */
	avatarCookie?: string;
	twoFactor: CredentialTwoFactor;
	/**
	 * The credential's "Ignore SSL Issues (Insecure)": requests to the server's own origin accept any certificate.
	 * Never applied to another origin (an avatar redirect to a CDN keeps full verification).
	 */
	ignoreSslIssues?: boolean;
	settings: TransportSettings;
	rateLimits: RateLimitTracker;
	/** GET /api/info's version, asked at most once per execution (see serverInfo.ts). */
	serverVersion?: Promise<ServerVersion>;
	/** Requests this server refused as unknown (see RequestSpec.unsupportedErrorType), by unsupportedKey(). */
	unsupported?: Set<string>;
}

/**
 * The server's origin plus any sub-path it is served under, without a trailing slash or a pasted
 * `/api/v1`, so that every path can be appended as `/api/v1/...`.
 */
export function normalizeServerUrl(serverUrl: string): string {
	return serverUrl
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api(\/v1)?$/i, '')
		.replace(/\/+$/, '');
}

export async function openConnection(
	context: IAllExecuteFunctions,
	settings: TransportSettings = DEFAULT_SETTINGS,
): Promise<Connection> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	const credentials = data as IDataObject;
	const baseUrl = normalizeServerUrl(String(credentials.serverUrl ?? ''));
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Server URL of the Rocket.Chat credential must start with http:// or https://',
		);
	}
	const cookieValue = (value: unknown) => encodeURIComponent(String(value ?? ''));
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		baseUrl,
		origin: new URL(baseUrl).origin,
		credential: reference?.id ? { id: reference.id, name: reference.name, type: CREDENTIAL_TYPE, data } : undefined,
		avatarCookie: `rc_uid=${cookieValue(credentials.userId)}; rc_token=${cookieValue(credentials.authToken)}`,
		twoFactor: readTwoFactor(context, credentials),
		ignoreSslIssues: credentials.ignoreSslIssues === true,
		settings,
		rateLimits: new RateLimitTracker(settings.maxRateLimitWaitMs),
	};
}

function readTwoFactor(context: IAllExecuteFunctions, credentials: IDataObject): CredentialTwoFactor {
	const method = credentials.twoFactorMethod;
	if (method === 'password') {
		const password = String(credentials.password ?? '');
		if (password === '') throw missing(context, 'Password');
		return { method, password };
	}
	if (method === 'totp') {
		const secret = String(credentials.totpSecret ?? '');
		if (secret.trim() === '') throw missing(context, 'TOTP Secret');
		return { method, secret };
	}
	return { method: 'none' };
}

function missing(context: IAllExecuteFunctions, field: string): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The Rocket.Chat credential uses two-factor method "${field}" but its ${field} field is empty`,
	);
}
