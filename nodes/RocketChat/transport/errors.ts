import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { baseMimeType } from './binary';
import type { RequestSpec } from './spec';

/** What the server said, in the shapes Rocket.Chat uses (`{success:false,error,errorType,details}` or `{status,message}`). */
function serverMessage(body: IDataObject | undefined, statusCode: number): string {
	const text = body?.error ?? body?.message;
	if (typeof text === 'string' && text !== '') return text;
	return `Rocket.Chat answered with HTTP ${statusCode}`;
}

function hintFor(node: INode, spec: RequestSpec, statusCode: number, body: IDataObject | undefined): string | undefined {
	const errorType = typeof body?.errorType === 'string' ? body.errorType : '';
	const details = (body?.details ?? {}) as IDataObject;
	if (errorType.startsWith('totp-')) {
		const method = typeof details.method === 'string' ? details.method : undefined;
		let wanted = method ? ` The server asked for the "${method}" method.` : '';
		if (errorType === 'totp-invalid' && (method === 'totp' || method === 'email')) {
			// checkCodeForUser picks the account's own second factor over the password fallback.
			wanted += ` The account has ${method === 'totp' ? 'TOTP (authenticator app)' : 'e-mail'} two-factor authentication on, so the server checks the code as a ${method === 'totp' ? 'TOTP' : 'e-mail'} code: the credential's Password method only works for accounts without e-mail or TOTP two-factor authentication.`;
		}
		const ways = [
			'set "Two-Factor Method" in the credential to Password (the account password) or TOTP Secret (the authenticator secret) so that it runs unattended',
			'create the personal access token with "Ignore Two Factor Authentication"',
		];
		// The trigger polls unattended and has no per-call override; the node's operations do.
		if (!node.type.endsWith('Trigger')) ways.push('enter a code (e.g. from an e-mail) in this operation\'s "Two-Factor Override"');
		const choices = `${ways.slice(0, -1).join(', ')}, or ${ways[ways.length - 1]}`;
		return `This operation needs a two-factor code.${wanted} ${choices[0].toUpperCase()}${choices.slice(1)}.`;
	}
	if (errorType === 'user-last-owner') {
		const rooms = [details.shouldChangeOwner, details.shouldBeRemoved]
			.filter(Array.isArray)
			.flat()
			.join(', ');
		return `The user is the last owner of ${rooms ? `these rooms: ${rooms}` : 'one or more rooms'}. Turn on "Confirm Relinquish" to let Rocket.Chat hand over or remove those rooms.`;
	}
	const licence = licenceHint(spec, statusCode, body);
	if (licence) return licence;
	if (statusCode === 401) {
		return 'Check the User ID and Auth Token of the credential. A token stops working after "Log Out", "Log Out Other Clients" or "Remove Other Tokens".';
	}
	if (statusCode === 403) {
		return spec.permission
			? `The credential's user needs the "${spec.permission}" permission for this operation.`
			: "The credential's user lacks a permission this operation needs.";
	}
	if (statusCode === 429) {
		return "Rocket.Chat's rate limiter refused the call. Wait for the reset time, lower the workflow's pace, or use an account with the api-bypass-rate-limit permission.";
	}
	return undefined;
}

/**
 * Device Management needs the Enterprise "device-management" licence, and servers say it is missing differently
 * by version: 401 `unauthorized` (API.v1.unauthorized in the route, 7.x), 403 `forbidden`, or the licence
 * middleware's 400 `error-action-not-allowed` "This is an enterprise feature" (newer 8.x). A bad token is a 401
 * "You must be logged in to do this." and a missing permission a 403 that names the permissions: those keep
 * their own hints.
 */
function licenceHint(spec: RequestSpec, statusCode: number, body: IDataObject | undefined): string | undefined {
	if (!spec.path.startsWith('/api/v1/sessions/')) return undefined;
	const text = `${String(body?.error ?? '')} ${String(body?.message ?? '')}`;
	const licence =
		'The workspace lacks the Enterprise "device-management" licence that Device Management needs (Administration → Subscription).';
	if (/enterprise|licen[cs]e/i.test(text)) return licence;
	if (statusCode === 401 && !/logged in/i.test(text)) {
		return `${licence} Rocket.Chat answers 401 for a missing licence in some versions, so this is not necessarily a bad token; otherwise check the User ID and Auth Token of the credential.`;
	}
	if (statusCode === 403 && !/permission/i.test(text)) {
		return `${licence} Some Rocket.Chat versions answer 403 for a missing licence; otherwise the credential's user lacks the "${spec.permission ?? 'view-device-management'}" permission.`;
	}
	return undefined;
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
): NodeApiError {
	const safeBody: JsonObject = {
		...(body as JsonObject),
		httpCode: statusCode,
	};
	return new NodeApiError(node, safeBody, {
		message: serverMessage(body, statusCode),
		description: hintFor(node, spec, statusCode, body),
		httpCode: String(statusCode),
		itemIndex,
	});
}
