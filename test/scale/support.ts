/**
 * Helpers for the scale tests: the node's credential for a simulator, a delaying proxy (the
 * simulator's latency is one value for every request), a clock that only moves between requests,
 * and readers of the simulator's request log.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { IDataObject } from 'n8n-workflow';
import type { LoggedRequest, Simulator } from '../../simulator/server';
import { credentialFor } from '../support/simCredential';

/** The Rocket.Chat credential of the simulator's admin (no 2FA method), optionally through a proxy. */
export function adminCredential(sim: Simulator, serverUrl = sim.url): IDataObject {
	return credentialFor(sim, sim.admin, { serverUrl });
}

/** Index of the first difference of two lists (-1 when equal), so a failure does not print 20,000 ids. */
export function firstDifference<T>(actual: readonly T[], expected: readonly T[]): number {
	const length = Math.max(actual.length, expected.length);
	for (let index = 0; index < length; index++) if (actual[index] !== expected[index]) return index;
	return -1;
}

/** Values that occur more than once. */
export function duplicates<T>(values: readonly T[]): T[] {
	const seen = new Set<T>();
	const repeated = new Set<T>();
	for (const value of values) (seen.has(value) ? repeated : seen).add(value);
	return [...repeated];
}

/** The server's order of a listing: one users.list call with count=0 (API_Allow_Infinite_Count). */
export async function serverUserIds(sim: Simulator): Promise<string[]> {
	const response = await fetch(`${sim.url}/api/v1/users.list?count=0`, { headers: sim.authHeaders(sim.admin) });
	const body = (await response.json()) as { users: Array<{ _id: string }>; total: number };
	if (body.users.length !== body.total) throw new Error(`users.list?count=0 gave ${body.users.length} of ${body.total}`);
	return body.users.map((user) => user._id);
}

export interface DelayProxy {
	url: string;
	/** The most requests that were open at the proxy at one time. */
	maxInFlight: number;
	close(): Promise<void>;
}

export interface DelayProxyOptions {
	/** How long to hold this request before forwarding it, in ms. */
	delay: (method: string, url: string) => number;
	/** Called synchronously right before a request is forwarded (e.g. to change the data mid-walk). */
	onForward?: (method: string, url: string) => void;
}

/**
 * A reverse proxy that holds each request for `delay(method, url)` ms before forwarding it:
 * per-request latency, which the simulator (one `latencyMs` for all) does not offer.
 */
export async function startDelayProxy(target: string, options: DelayProxyOptions): Promise<DelayProxy> {
	const sockets = new Set<Socket>();
	const upstream = new URL(target);
	let inFlight = 0;
	const proxy: DelayProxy = { url: '', maxInFlight: 0, close: async () => {} };
	const server: Server = createServer((req, res) => {
		inFlight++;
		proxy.maxInFlight = Math.max(proxy.maxInFlight, inFlight);
		res.on('close', () => inFlight--);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = req.url ?? '/';
			const method = req.method ?? 'GET';
			setTimeout(() => {
				options.onForward?.(method, url);
				const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
				const forward = httpRequest(
					{ host: upstream.hostname, port: upstream.port, method, path: url, headers },
					(answer) => {
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(res);
					},
				);
				forward.on('error', () => req.socket.destroy());
				forward.end(Buffer.concat(chunks));
			}, options.delay(method, url));
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	proxy.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
	return proxy;
}

/**
 * A simulator clock that only moves in a timer, never inside the synchronous handling of one
 * request: the time in the request log is then exactly the time the rate limiter judged it by.
 */
export function steppedClock(): { now: () => number; stop: () => void } {
	let now = Date.now();
	const timer = setInterval(() => (now = Date.now()), 1);
	return { now: () => now, stop: () => clearInterval(timer) };
}

/**
 * Requests the rate limiter let through, per window of one route, rebuilt from the log with the
 * simulator's (Meteor's) rule: a window starts at the first hit after the previous one expired.
 */
export function servedPerWindow(log: readonly LoggedRequest[], windowMs: number): number[] {
	const windows: number[] = [];
	let start: number | undefined;
	for (const entry of log) {
		if (start === undefined || entry.time - start > windowMs) {
			start = entry.time;
			windows.push(0);
		}
		if (entry.status !== 429) windows[windows.length - 1]++;
	}
	return windows;
}

/** Log entries of one route, in arrival order. */
export function requestsTo(sim: Simulator, method: string, path: string): LoggedRequest[] {
	return sim.requests.filter((entry) => entry.method === method && entry.path === `/api/v1/${path}`);
}
