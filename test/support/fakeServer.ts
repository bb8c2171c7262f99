import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	json?: unknown;
	raw?: Buffer;
	/** Destroy the socket without answering. */
	reset?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/**
 * A scriptable loopback HTTP server for transport tests: each test sets handlers per
 * "METHOD /path" and reads back every request it received.
 */
export class FakeServer {
	readonly requests: RecordedRequest[] = [];
	private handlers = new Map<string, Handler>();
	private server?: http.Server;
	url = '';

	async start(): Promise<this> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', async () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const request: RecordedRequest = {
					method: req.method ?? '',
					path: url.pathname,
					query: url.searchParams,
					headers: req.headers,
					body: Buffer.concat(chunks),
				};
				this.requests.push(request);
				const handler = this.handlers.get(`${request.method} ${request.path}`);
				const reply: Reply = handler
					? await handler(request)
					: { status: 404, json: { success: false, error: `no handler for ${request.method} ${request.path}` } };
				if (reply.reset) {
					req.socket.destroy();
					return;
				}
				const body = reply.raw ?? Buffer.from(JSON.stringify(reply.json ?? { success: true }));
				res.writeHead(reply.status ?? 200, {
					'content-type': reply.raw ? 'application/octet-stream' : 'application/json',
					...reply.headers,
				});
				res.end(body);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	on(route: string, handler: Handler): this {
		this.handlers.set(route, handler);
		return this;
	}

	reset(): void {
		this.handlers.clear();
		this.requests.length = 0;
	}

	jsonBody(index: number): unknown {
		return JSON.parse(this.requests[index].body.toString('utf8'));
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}
