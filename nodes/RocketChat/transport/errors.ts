import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
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
		const wanted = typeof details.method === 'string' ? ` The server asked for the "${details.method}" method.` : '';
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
	if (statusCode === 401 && spec.path.startsWith('/api/v1/sessions/')) {
		return 'Device Management answers 401 when the workspace lacks the Enterprise "device-management" licence, so this is not necessarily a bad token. Otherwise check the User ID and Auth Token of the credential.';
	}
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

/**
 * A request that never got an HTTP answer. Built from the code and message only: the raw error
 * carries the request configuration, headers and token included.
 */
export function networkError(node: INode, error: unknown, itemIndex: number, url: string): NodeApiError {
	const source = (error ?? {}) as { code?: unknown; message?: unknown };
	const code = typeof source.code === 'string' ? source.code : 'ENETWORK';
	return new NodeApiError(
		node,
		{ code, message: `Could not reach Rocket.Chat at ${url}` },
		{
			message: `Could not reach Rocket.Chat (${code})`,
			description: `The request to ${url} failed before the server answered. Check the Server URL of the credential and that the server is up.`,
			httpCode: code,
			itemIndex,
		},
	);
}
