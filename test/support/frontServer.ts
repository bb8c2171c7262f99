/**
 * What stands in front of a self-hosted Rocket.Chat: a reverse proxy that forwards to the simulator, with TLS
 * (a certificate from simulator/tls.ts) and/or under a path prefix (Rocket.Chat at https://host/chat/), and
 * servers that fail the way real networks do (one that accepts and never answers). Loopback only.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from '../../simulator/tls';

export interface FrontServer {
	/** e.g. https://127.0.0.1:PORT/chat (no trailing slash). */
	url: string;
	port: number;
	close(): Promise<void>;
}

export interface FrontOptions {
	/** Where requests go, e.g. the simulator's URL. */
	target: string;
	/** Serve https with this certificate; plain http without. */
	tls?: Pick<TestCertificates, 'key' | 'cert'>;
	/** Served under this path (e.g. "/chat"); requests outside it get the proxy's own 404 page. */
	prefix?: string;
}

async function listen(server: http.Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

function closer(server: http.Server): () => Promise<void> {
	return async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
}

/** A reverse proxy to `target`, as nginx would put in front of Rocket.Chat. */
export async function startFront(options: FrontOptions): Promise<FrontServer> {
	const target = new URL(options.target);
	const prefix = options.prefix ?? '';
	let publicUrl = '';
	const forward: http.RequestListener = (request, response) => {
		const path = request.url ?? '/';
		if (prefix && !(path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`))) {
			response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found (front proxy)</body></html>');
			return;
		}
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: request.method,
				path: path.slice(prefix.length) || '/',
				headers: { ...request.headers, host: target.host },
			},
			(answer) => {
				const headers = { ...answer.headers };
				// As nginx's proxy_redirect: Rocket.Chat's redirects (to its Site_Url) point at the front, prefix included.
				if (typeof headers.location === 'string') {
					if (headers.location.startsWith(target.origin)) headers.location = `${publicUrl}${headers.location.slice(target.origin.length)}`;
					else if (headers.location.startsWith('/')) headers.location = `${prefix}${headers.location}`;
				}
				response.writeHead(answer.statusCode ?? 502, headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', () => response.writeHead(502).end());
		request.pipe(upstream);
	};
	const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, forward) : http.createServer(forward);
	const port = await listen(server);
	publicUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${prefix}`;
	return { url: publicUrl, port, close: closer(server) };
}

/** Accepts connections and never answers (a hung server, or a port of something that is not HTTP). */
export async function startSilentServer(): Promise<FrontServer> {
	const server = http.createServer(() => undefined);
	const port = await listen(server);
	return { url: `http://127.0.0.1:${port}`, port, close: closer(server) };
}

/** A loopback port nothing listens on (bound once to find it free, then released). */
export async function closedPort(): Promise<number> {
	const server = http.createServer();
	const port = await listen(server);
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
