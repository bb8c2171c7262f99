import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { baseMimeType } from './binary';
import { readRefusal, type SettingRefusal } from './refusals';
import type { RequestSpec } from './spec';
import type { CredentialTwoFactor } from './twoFactor';

/** What the server said, in the shapes Rocket.Chat uses (`{success:false,error,errorType,details}` or `{status,message}`). */
function serverMessage(body: IDataObject | undefined, statusCode: number): string {
	const text = body?.error ?? body?.message;
	if (typeof text === 'string' && text !== '') return text;
	return `Rocket.Chat answered with HTTP ${statusCode}`;
}

/** What the transport knows about the call besides the answer, to make the hint precise. */
export interface ErrorContext {
	/** The credential's unattended 2FA method. */
	twoFactorMethod?: CredentialTwoFactor['method'];
	/** The answer's headers (X-RateLimit-* on a 429). */
	headers?: IDataObject;
}

/** The trigger polls unattended: it has no per-call options, and its failures say so. */
export function isTrigger(node: INode): boolean {
	return node.type.endsWith('Trigger');
}

/** The route as Rocket.Chat's docs and limits name it ("users.setStatus"). */
function routeName(spec: RequestSpec): string {
	return spec.path.replace(/^\/api\/v1\//, '');
}

const TOKEN_HINT =
	'Check the User ID and Auth Token of the credential. A token stops working after "Log Out", "Log Out Other Clients" or "Remove Other Tokens".';

function twoFactorHint(node: INode, body: IDataObject | undefined, context: ErrorContext): string {
	const errorType = String(body?.errorType ?? '');
	const details = (body?.details ?? {}) as IDataObject;
	const method = typeof details.method === 'string' ? details.method : undefined;
	let wanted = method ? ` The server asked for the "${method}" method.` : '';
	if (errorType === 'totp-invalid' && (method === 'totp' || method === 'email')) {
		// checkCodeForUser picks the account's own second factor over the password fallback.
		wanted += ` The account has ${method === 'totp' ? 'TOTP (authenticator app)' : 'e-mail'} two-factor authentication on, so the server checks the code as a ${method === 'totp' ? 'TOTP' : 'e-mail'} code: the credential's Password method only works for accounts without e-mail or TOTP two-factor authentication.`;
	}
	if (errorType === 'totp-required' && context.twoFactorMethod === 'none') {
		// RocketChat/Rocket.Chat#38017 (8.5.0) broke the bypass over REST; #41065 fixed it in 8.6.0, no 8.5 backport.
		wanted +=
			' The credential\'s Two-Factor Method is None, which relies on a personal access token created with "Ignore Two Factor Authentication". If the token was created that way, the server is most likely on Rocket.Chat 8.5.x, which challenges such tokens anyway over REST (fixed in 8.6.0): there only the credential\'s Password or TOTP Secret method works.';
	}
	const ways = [
		'set "Two-Factor Method" in the credential to Password (the account password) or TOTP Secret (the authenticator secret) so that it runs unattended',
		'create the personal access token with "Ignore Two Factor Authentication" (not enough on Rocket.Chat 8.5.x)',
	];
	// The trigger polls unattended and has no per-call override; the node's operations do.
	if (!isTrigger(node)) ways.push('enter a code (e.g. from an e-mail) in this operation\'s "Two-Factor Override"');
	const choices = `${ways.slice(0, -1).join(', ')}, or ${ways[ways.length - 1]}`;
	return `This operation needs a two-factor code.${wanted} ${choices[0].toUpperCase()}${choices.slice(1)}.`;
}

function permissionHint(permission: string | undefined): string {
	return permission
		? `The credential's user needs the "${permission}" permission for this operation.`
		: "The credential's user lacks a permission this operation needs.";
}

function settingHint(refusal: SettingRefusal): string {
	const bypass = refusal.bypass ? ` Users holding the "${refusal.bypass}" permission are not refused by it.` : '';
	return `The workspace setting "${refusal.label}" (${refusal.setting}) is off, so Rocket.Chat refuses this change: this is not a missing permission. An admin can turn it on in Administration → Settings → Accounts.${bypass}`;
}

/**
 * Device Management needs the Enterprise "device-management" licence, and servers say it is missing differently
 * by version: 401 `unauthorized` (API.v1.unauthorized in the route, 7.x), a bare 403, or the licence
 * middleware's 400 `error-action-not-allowed` "This is an enterprise feature" (8.x and 9.0).
 */
const DEVICE_LICENCE =
	'The workspace lacks the Enterprise "device-management" licence that Device Management needs (Administration → Subscription).';

function isSessions(spec: RequestSpec): boolean {
	return spec.path.startsWith('/api/v1/sessions/');
}

/** The hint for a refusal, by what the server's text names (a setting, a permission, the licence, the token). */
function refusalHint(spec: RequestSpec, statusCode: number, body: IDataObject | undefined): string | undefined {
	const text = String(body?.error ?? body?.message ?? '');
	const refusal = readRefusal(statusCode, text, String(body?.errorType ?? ''));
	if (!refusal) return undefined;
	switch (refusal.kind) {
		case 'licence':
			return isSessions(spec)
				? DEVICE_LICENCE
				: 'The workspace lacks the Enterprise licence this operation needs (Administration → Subscription).';
		case 'badToken':
			return TOKEN_HINT;
		case 'setting':
			return settingHint(refusal);
		case 'either':
			return `${settingHint(refusal.setting)} For another user's data the credential's user needs the "${refusal.permission}" permission instead.`;
		case 'permission':
			return permissionHint(refusal.permission ?? spec.permission);
		case 'unnamed':
			// Older servers answered a missing licence from inside the sessions routes, without naming it.
			if (isSessions(spec) && statusCode === 401) {
				return `${DEVICE_LICENCE} Rocket.Chat answers 401 for a missing licence in some versions, so this is not necessarily a bad token; otherwise check the User ID and Auth Token of the credential.`;
			}
			if (isSessions(spec) && statusCode === 403) {
				return `${DEVICE_LICENCE} Some Rocket.Chat versions answer 403 for a missing licence; otherwise the credential's user lacks the "${spec.permission ?? 'view-device-management'}" permission.`;
			}
			if (spec.refusal) return spec.refusal;
			if (spec.permission) return permissionHint(spec.permission);
			if (statusCode === 401) return TOKEN_HINT;
			return 'Rocket.Chat refused the call: a workspace setting or a permission of the credential\'s user does not allow it.';
	}
}

/** "You must wait 42 seconds before trying this endpoint again" → 42000 (the limiter's text, every version). */
export function rateLimitWaitMs(text: unknown): number | undefined {
	const match = /must wait (\d+) seconds?/i.exec(String(text ?? ''));
	return match ? Number(match[1]) * 1000 : undefined;
}

function rateLimitHint(spec: RequestSpec, context: ErrorContext): string {
	const route = routeName(spec);
	const limit = Number(context.headers?.['x-ratelimit-limit']);
	const allowance = Number.isFinite(limit) && limit > 0 ? ` allows ${limit} call${limit === 1 ? '' : 's'} to ${route} per window` : ` limits ${route}`;
	return `Rocket.Chat's rate limiter${allowance} for this client (counted per IP address, shared by every workflow behind it), and the wait for the next window is longer than "Max Rate Limit Wait" allows. Raise Max Rate Limit Wait, lower the workflow's pace, or use an account with the api-bypass-rate-limit permission.`;
}

function hintFor(node: INode, spec: RequestSpec, statusCode: number, body: IDataObject | undefined, context: ErrorContext): string | undefined {
	const errorType = typeof body?.errorType === 'string' ? body.errorType : '';
	const details = (body?.details ?? {}) as IDataObject;
	if (errorType.startsWith('totp-')) return twoFactorHint(node, body, context);
	if (errorType === 'user-last-owner') {
		const rooms = [details.shouldChangeOwner, details.shouldBeRemoved]
			.filter(Array.isArray)
			.flat()
			.join(', ');
		return `The user is the last owner of ${rooms ? `these rooms: ${rooms}` : 'one or more rooms'}. Turn on "Confirm Relinquish" to let Rocket.Chat hand over or remove those rooms.`;
	}
	if (errorType === 'invalid-totp') {
		// The users.totp.* routes answer it for an account without TOTP (server/lib/2fa/functions/totp.ts).
		return "The credential's account has no authenticator-app (TOTP) two-factor authentication turned on, so it has no TOTP backup codes.";
	}
	if (statusCode === 429) return rateLimitHint(spec, context);
	if (statusCode === 404 && spec.since) {
		return `This endpoint (${routeName(spec)}) exists from Rocket.Chat ${spec.since} on: the server is older (GET /api/info shows its version).`;
	}
	return refusalHint(spec, statusCode, body);
}

/** What an answer that is not Rocket.Chat's looked like: where it came from and its first characters. */
export interface ForeignAnswer {
	url: string;
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** What was expected instead, e.g. "an image" (default: Rocket.Chat's JSON answer). */
	expected?: string;
}

const PREVIEW_CHARS = 120;

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * A 2xx (or a redirect, or a non-JSON error) that Rocket.Chat would not send for the endpoint: the Server URL
 * points at a web page, another service or a login proxy. Named with the URL, status, content type and the
 * first characters of the body (never the query: it may carry rc_token).
 */
export function notRocketChatError(node: INode, answer: ForeignAnswer, itemIndex: number): NodeApiError {
	const contentType = baseMimeType(answer.headers['content-type']);
	const text = bodyText(answer.body).replace(/\s+/g, ' ').trim();
	const preview = text === '' ? 'an empty body' : `"${text.slice(0, PREVIEW_CHARS)}${text.length > PREVIEW_CHARS ? '…' : ''}"`;
	const location = answer.headers.location;
	let hint: string;
	if (location !== undefined) {
		const target = new URL(String(location), answer.url);
		hint = `The server redirected to ${target.origin}${target.pathname} (a login page or a proxy, not the Rocket.Chat API): check the Server URL of the credential.`;
	} else if (/html/.test(contentType) || /^<(!doctype|html)/i.test(text)) {
		hint = 'This looks like a web page, not the Rocket.Chat API: check the Server URL of the credential (the address Rocket.Chat opens at, e.g. https://chat.example.com).';
	} else {
		hint = `This is not ${answer.expected ?? "the Rocket.Chat API's answer"}: check the Server URL of the credential (the address Rocket.Chat opens at, e.g. https://chat.example.com).`;
	}
	const message = `The answer from ${answer.url} is not Rocket.Chat's (HTTP ${answer.statusCode}, ${contentType}, ${preview})`;
	return new NodeApiError(
		node,
		{ message, httpCode: answer.statusCode } as JsonObject,
		{ message, description: hint, httpCode: String(answer.statusCode), itemIndex },
	);
}

/** Turns a failed Rocket.Chat response into an n8n API error with the server's message and a hint. */
export function apiError(
	node: INode,
	spec: RequestSpec,
	statusCode: number,
	body: IDataObject | undefined,
	itemIndex: number,
	context: ErrorContext = {},
): NodeApiError {
	const safeBody: JsonObject = {
		...(body as JsonObject),
		httpCode: statusCode,
	};
	return new NodeApiError(node, safeBody, {
		message: serverMessage(body, statusCode),
		description: hintFor(node, spec, statusCode, body, context),
		httpCode: String(statusCode),
		itemIndex,
	});
}
