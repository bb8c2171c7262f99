/**
 * A realistic network in front of the simulator, for `npm run bench`: TLS, and a round trip on every exchange.
 *
 *   client ──TCP──▶ latency proxy ──TCP──▶ TLS terminator ──TCP──▶ simulator (plain HTTP)
 *
 * The proxy holds every chunk for half the round trip in each direction, so a TLS handshake costs what it costs
 * on a real network; the first bytes of a new connection wait one round trip more, for the TCP handshake that
 * loopback does not pay. It counts the connections clients open. The certificate comes from simulator/tls.ts
 * and is trusted only by the benchmark's own process (NODE_EXTRA_CA_CERTS of its re-executed child).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface NetworkFront {
	url: string;
	/** Connections clients opened so far. */
	connections(): number;
	close(): Promise<void>;
}

export interface TlsFiles {
	key: string;
	cert: string;
	ca: string;
}

/** The files the benchmark writes its certificates to (key, cert, ca), in `dir`. */
export function tlsFiles(dir: string): TlsFiles {
	return { key: path.join(dir, 'server.key'), cert: path.join(dir, 'server.crt'), ca: path.join(dir, 'ca.crt') };
}

/** Forwards `from`'s data to `to` in order, each chunk `delayMs` after it arrived and not before `notBefore()`. */
function delayedPipe(from: net.Socket, to: net.Socket, delayMs: number, notBefore: () => number): void {
	const queue: Array<{ at: number; chunk: Buffer | null }> = [];
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		const now = performance.now();
		while (queue.length > 0 && queue[0].at <= now) {
			const { chunk } = queue.shift()!;
			if (to.destroyed) return;
			if (chunk) to.write(chunk);
			else to.end();
		}
		schedule();
	};
	const schedule = () => {
		if (timer === undefined && queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0].at - performance.now()));
	};
	const push = (chunk: Buffer | null) => {
		const last = queue.at(-1)?.at ?? 0;
		queue.push({ at: Math.max(performance.now() + delayMs, notBefore() + delayMs, last), chunk });
		schedule();
	};
	from.on('data', (chunk: Buffer) => push(chunk));
	from.on('end', () => push(null));
	from.on('close', () => {
		// A reset (not an orderly end) reaches the other side at once: nothing more can arrive.
		if (!from.readableEnded) {
			if (timer) clearTimeout(timer);
			to.destroy();
		}
	});
	from.on('error', () => undefined);
}

function listen(server: net.Server): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
	});
}

const closeServer = (server: net.Server, sockets: Set<net.Socket>) =>
	new Promise<void>((resolve) => {
		for (const socket of sockets) socket.destroy();
		server.close(() => resolve());
	});

/** Puts TLS and a round trip of `rttMs` in front of the plain-HTTP server at `targetPort`. */
export async function startNetworkFront(targetPort: number, rttMs: number, files: TlsFiles): Promise<NetworkFront> {
	const sockets = new Set<net.Socket>();
	const track = (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	};
	const terminator = tls.createServer({ key: fs.readFileSync(files.key), cert: fs.readFileSync(files.cert) }, (secure) => {
		track(secure);
		const upstream = net.connect(targetPort, '127.0.0.1');
		track(upstream);
		secure.pipe(upstream).pipe(secure);
		secure.on('close', () => upstream.destroy());
		upstream.on('close', () => secure.destroy());
	});
	terminator.on('tlsClientError', () => undefined);
	const terminatorPort = await listen(terminator);

	let connections = 0;
	const half = rttMs / 2;
	const proxy = net.createServer((client) => {
		connections++;
		const acceptedAt = performance.now();
		track(client);
		client.setNoDelay(true);
		const upstream = net.connect(terminatorPort, '127.0.0.1');
		upstream.setNoDelay(true);
		track(upstream);
		// The client's first bytes leave only after the TCP handshake: one round trip after connecting.
		delayedPipe(client, upstream, half, () => acceptedAt + rttMs);
		delayedPipe(upstream, client, half, () => 0);
	});
	const proxyPort = await listen(proxy);
	return {
		url: `https://127.0.0.1:${proxyPort}`,
		connections: () => connections,
		close: async () => {
			await closeServer(proxy, sockets);
			await closeServer(terminator, sockets);
		},
	};
}
