/**
 * Runs Get User of one user through the node in n8n-core, in a process of its own, and prints the outcome as
 * JSON: for what Node reads only at process start (NODE_EXTRA_CA_CERTS). Input: RUN_NODE_INPUT =
 * {"credential": {...}, "userId": "..."}. Used by trustedCa.engine.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { runRocketChat } from './nodeRun';

async function main(): Promise<void> {
	const input = JSON.parse(process.env.RUN_NODE_INPUT ?? '{}') as { credential: IDataObject; userId: string };
	const result = await runRocketChat({
		parameters: { resource: 'user', operation: 'get', lookup: 'userId', lookupValue: input.userId, requestOptions: { maxRetries: 0 } },
		credential: input.credential,
	});
	const error = result.error as { message?: string; description?: string; httpCode?: string } | undefined;
	process.stdout.write(
		JSON.stringify({
			status: result.status,
			json: result.status === 'success' ? result.json('Rocket.Chat') : undefined,
			error: error ? { message: error.message, description: error.description, httpCode: error.httpCode } : undefined,
		}),
	);
}

void main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(String((error as Error)?.stack ?? error));
		process.exit(1);
	},
);
