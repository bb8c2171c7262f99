import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import type { Connection } from './connection';
import { send } from './request';
import type { RequestSpec, ServerVersion } from './spec';

/** Anyone may ask; the answer's `version` is "8.4" (or "8.4.1" for a caller with view-statistics). */
const INFO: RequestSpec = { method: 'GET', path: '/api/info', auth: 'none' };

export function parseServerVersion(text: unknown): ServerVersion | undefined {
	const match = /^(\d+)\.(\d+)/.exec(String(text ?? ''));
	return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * The server's version, asked once per execution and shared by every item (the connection lives as long as
 * the execution). Operations whose requests differ between versions ask for it; others never cost a request.
 */
export async function serverVersion(context: IExecuteFunctions, connection: Connection, itemIndex: number): Promise<ServerVersion> {
	connection.serverVersion ??= send(context, connection, INFO, itemIndex).then((response) => {
		const version = parseServerVersion((response.body as { version?: unknown } | undefined)?.version);
		if (!version) {
			const message = 'Rocket.Chat did not say its version (GET /api/info has no "version")';
			throw new NodeApiError(context.getNode(), { message } as JsonObject, { message, itemIndex });
		}
		return version;
	});
	return await connection.serverVersion;
}
