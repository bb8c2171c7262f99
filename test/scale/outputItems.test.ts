import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_SETTINGS, type Connection } from '../../nodes/RocketChat/transport/connection';
import { RateLimitTracker } from '../../nodes/RocketChat/transport/rateLimit';
import { executeSpec } from '../../nodes/RocketChat/transport/request';

const ROOT = path.resolve(__dirname, '../..');

function fakeContext(answer: (qs: IDataObject) => IDataObject): IExecuteFunctions {
	return {
		getNode: () => ({ name: 'Rocket.Chat', type: 'n8n-nodes-rocketchat.rocketChat', typeVersion: 1 }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { qs?: IDataObject }) => ({
				statusCode: 200,
				headers: {},
				body: answer(options.qs ?? {}),
			}),
		},
	} as unknown as IExecuteFunctions;
}

const connection: Connection = {
	baseUrl: 'http://rocket.chat.invalid',
	origin: 'http://rocket.chat.invalid',
	twoFactor: { method: 'none' },
	settings: DEFAULT_SETTINGS,
	rateLimits: new RateLimitTracker(DEFAULT_SETTINGS.maxRateLimitWaitMs),
};

test('the transport pairs every output item with its input item (lists and single answers)', async () => {
	const users = Array.from({ length: 250 }, (_, index) => ({ _id: `u${index}` }));
	const list = fakeContext((qs) => {
		const page = users.slice(Number(qs.offset), Number(qs.offset) + Number(qs.count));
		return { users: page, count: page.length, offset: qs.offset, total: users.length, success: true };
	});
	const spec = { method: 'GET' as const, path: '/api/v1/users.list', paginate: { itemsKey: 'users', returnAll: true, limit: 0 }, output: { key: 'users', each: true } };
	const items = await executeSpec(list, connection, spec, 7);
	expect(items).toHaveLength(250);
	expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":7}')).toBe(true);

	const single = fakeContext(() => ({ user: { _id: 'u1', active: false }, success: true }));
	const written = await executeSpec(single, connection, { method: 'POST', path: '/api/v1/users.setActiveStatus', body: {}, output: { key: 'user' } }, 3);
	expect(written).toEqual([{ json: { _id: 'u1', active: false }, pairedItem: { item: 3 } }]);
});

/**
 * Why: the router copies each item with `{ ...result, pairedItem }`. On V8 (Node 20) such a copy gives
 * every object its own hidden class unless `pairedItem` already exists on the source, which cost ~170
 * bytes per output item. Checked in a child node with --allow-natives-syntax, through the real engine.
 */
test('the output items of a Return All through the engine share one hidden class', () => {
	const script = `
		const { runRocketChat } = require('./test/support/nodeRun');
		const { startSimulator } = require('./simulator/server');
		let sameMap;
		try { sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)'); } catch { console.log('unsupported'); process.exit(0); }
		(async () => {
			const sim = await startSimulator({ users: 2997, seed: 50 });
			const result = await runRocketChat({
				parameters: { resource: 'user', operation: 'getAll', returnAll: true },
				credential: { serverUrl: sim.url, userId: sim.admin.userId, authToken: sim.admin.authToken, twoFactorMethod: 'none' },
			});
			const [items] = result.output('Rocket.Chat');
			let changes = 0;
			for (let index = 1; index < items.length; index++) if (!sameMap(items[index - 1], items[index])) changes++;
			console.log(JSON.stringify({ items: items.length, changes }));
			await sim.close();
			process.exit(0);
		})();
	`;
	const output = execFileSync(process.execPath, ['--allow-natives-syntax', '-r', 'ts-node/register/transpile-only', '-e', script], {
		cwd: ROOT,
		env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), N8N_ENGINE_LOG_LEVEL: 'silent' },
		encoding: 'utf8',
	});
	const last = output.trim().split('\n').pop() ?? '';
	if (last === 'unsupported') return; // a V8 without %HaveSameMap: nothing to check
	// One change where the copy's inline cache settles, instead of one per item.
	const { items, changes } = JSON.parse(last) as { items: number; changes: number };
	expect(items).toBe(3000);
	expect(changes).toBeLessThanOrEqual(2);
});
