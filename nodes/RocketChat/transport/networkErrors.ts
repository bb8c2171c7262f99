import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

/**
 * Requests that never got an HTTP answer, each named by its cause with the fix. n8n-core wraps what Node
 * raised: the code sits on `cause` (NodeApiError → AxiosError → Node's error), n8n's SSRF protection raises
 * UserErrors with no code at all. Only codes, messages and addresses are read: the raw errors carry the
 * request configuration, token included.
 */

/** How n8n-core marks errors that must not be retried (@n8n/backend-network's markNonRetryable). */
const NON_RETRYABLE = Symbol.for('n8n.backend-network.non-retryable-error');

/** What the failed request was, for the message. */
export interface FailedRequest {
	url: string;
	/** The per-request wait that ran out, in ms. */
	timeoutMs: number;
	/** The trigger has no Timeout option; the node's Request Options do. */
	trigger: boolean;
}

export interface FailureCause {
	code: string;
	message: string;
	hint: string;
}

interface ErrorLevel {
	name?: unknown;
	code?: unknown;
	httpCode?: unknown;
	message?: unknown;
	description?: unknown;
	address?: unknown;
	port?: unknown;
	/** Node's TLS errors carry the server's certificate (public). */
	cert?: { subjectaltname?: unknown };
	cause?: unknown;
}

/** The error and its causes, outermost first (bounded: a cause chain may loop). */
function chainOf(error: unknown): ErrorLevel[] {
	const chain: ErrorLevel[] = [];
	let level = error;
	while (level && typeof level === 'object' && chain.length < 8 && !chain.includes(level as ErrorLevel)) {
		chain.push(level as ErrorLevel);
		level = (level as ErrorLevel).cause;
	}
	return chain;
}

/** Whether n8n marked the error (or one of its causes) as not worth retrying, e.g. an SSRF block. */
export function isMarkedNonRetryable(error: unknown): boolean {
	return chainOf(error).some((level) => (level as Record<symbol, unknown>)[NON_RETRYABLE] === true);
}

/** Node's error code of a failed request, wherever n8n-core put it in the chain (see codeOf). */
export function failureCode(error: unknown): string | undefined {
	return codeOf(chainOf(error));
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Node's error code: on the error itself or a cause; n8n-core copies it to `httpCode` of its wrapper. */
function codeOf(chain: ErrorLevel[]): string | undefined {
	for (const level of chain) {
		const code = text(level.code) ?? text(level.httpCode);
		if (code && !/^\d+$/.test(code)) return code;
	}
	return undefined;
}

/** The innermost message: Node's own ("connect ECONNREFUSED 127.0.0.1:1"), not a wrapper's paraphrase. */
function rootMessage(chain: ErrorLevel[]): string {
	for (const level of [...chain].reverse()) {
		const message = text(level.message);
		if (message) return message.split('\n')[0].trim();
	}
	return '';
}

const TRUST_FIXES =
	'Either trust the certificate authority that signed it on every n8n process (main, workers and webhook processes): ' +
	'put its PEM file in NODE_EXTRA_CA_CERTS (e.g. NODE_EXTRA_CA_CERTS=/certs/internal-ca.pem) and restart n8n; ' +
	'or turn on "Ignore SSL Issues (Insecure)" in the Rocket.Chat credential (the connection stays encrypted, but ' +
	'anyone who can intercept it can pose as the server and read the Auth Token).';

/** Node's certificate verification codes, by what they mean for an admin. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'a certificate from a certificate authority n8n does not know (a self-signed root in the chain)',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'a certificate signed by a certificate authority n8n does not know',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'a certificate signed by a certificate authority n8n does not know',
	UNABLE_TO_GET_ISSUER_CERT: 'a certificate signed by a certificate authority n8n does not know',
	CERT_HAS_EXPIRED: 'an expired certificate',
	CERT_NOT_YET_VALID: 'a certificate that is not valid yet (check the clocks of both machines)',
	ERR_TLS_CERT_ALTNAME_INVALID: 'a certificate issued for another name',
};

function certificateCause(code: string, chain: ErrorLevel[], target: URL): FailureCause | undefined {
	const problem = CERTIFICATE_PROBLEMS[code] ?? (/CERT/.test(code) ? 'a certificate n8n cannot verify' : undefined);
	if (!problem) return undefined;
	let hint = TRUST_FIXES;
	if (code === 'CERT_HAS_EXPIRED') {
		hint = `Renew the server's certificate. Until then: ${TRUST_FIXES.replace(/^Either trust[^;]*; or turn/, 'turn')}`;
	} else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		// The names the certificate holds are public facts of the server (Node puts the certificate on its error).
		const names = chain.map((level) => text(level.cert?.subjectaltname)).find((value) => value !== undefined);
		const issued = names ? `The certificate is issued for ${names.replace(/\b(DNS|IP Address):/g, '').replace(/,\s*/g, ', ')}` : rootMessage(chain).replace(/[:\s]+$/, '');
		hint = `${issued}. Use a name the certificate is issued for in the Server URL, or reissue the certificate for "${target.hostname}". Otherwise turn on "Ignore SSL Issues (Insecure)" in the Rocket.Chat credential (anyone who can intercept the connection can then pose as the server and read the Auth Token).`;
	}
	return {
		code,
		message: `The certificate of ${target.host} was refused: the server presents ${problem} (${code})`,
		hint,
	};
}

function portOf(target: URL): string {
	return target.port || (target.protocol === 'https:' ? '443' : '80');
}

/** Where a refused connection went: a different port than the Server URL's means n8n's proxy. */
function refusedAt(chain: ErrorLevel[]): { address?: string; port?: string } {
	for (const level of chain) {
		if (level.port !== undefined) return { address: text(level.address), port: String(level.port) };
	}
	const match = /ECONNREFUSED (\S+):(\d+)$/.exec(rootMessage(chain));
	return match ? { address: match[1], port: match[2] } : {};
}

const PROXY_SETTINGS =
	"n8n sends its requests through the proxy set in HTTP_PROXY / HTTPS_PROXY / ALL_PROXY (NO_PROXY lists the hosts reached directly): check the proxy's address and that it runs, or add the Rocket.Chat host to NO_PROXY, on every n8n process.";

/** The cause of a request that got no answer, with its fix. */
export function describeFailure(error: unknown, request: FailedRequest): FailureCause {
	const chain = chainOf(error);
	const target = new URL(request.url);
	const host = target.host;

	// n8n's SSRF protection (SsrfBlockedIpError, SsrfBlockedHostnameError: UserErrors without a code): its own
	// message and description, plus the setting that allows this server.
	const level = chain.find((candidate) => /^SsrfBlocked/.test(text(candidate.name) ?? ''));
	if (level) {
		const byName = /Hostname/.test(text(level.name) ?? '');
		const isIpHost = /^[\d.]+$|^\[/.test(target.hostname);
		const allow = byName
			? `To allow it, remove "${target.hostname}" from N8N_SSRF_BLOCKED_HOSTNAMES or add it to N8N_SSRF_ALLOWED_HOSTNAMES`
			: isIpHost
				? `To allow this Rocket.Chat server, add its address to N8N_SSRF_ALLOWED_IP_RANGES (e.g. N8N_SSRF_ALLOWED_IP_RANGES=${target.hostname.replace(/^\[|\]$/g, '')}/${target.hostname.startsWith('[') ? 128 : 32})`
				: `To allow this Rocket.Chat server, add its host name to N8N_SSRF_ALLOWED_HOSTNAMES (N8N_SSRF_ALLOWED_HOSTNAMES=${target.hostname}) or its address range to N8N_SSRF_ALLOWED_IP_RANGES`;
		return {
			code: byName ? 'SSRF_BLOCKED_HOSTNAME' : 'SSRF_BLOCKED_IP',
			message: `${text(level.message) ?? 'The request was blocked by n8n\'s SSRF protection'} (${host})`,
			hint: `${text(level.description) ?? ''} ${allow}, on every n8n process (main, workers and webhook processes), and restart n8n.`.trim(),
		};
	}

	const code = codeOf(chain) ?? 'ENETWORK';
	const certificate = certificateCause(code, chain, target);
	if (certificate) return certificate;
	const message = rootMessage(chain);

	if (code === 'ENOTFOUND') {
		return {
			code,
			message: `The host "${target.hostname}" does not resolve (DNS: ${code})`,
			hint: `No DNS server known to n8n has an address for "${target.hostname}". Check the spelling of the Server URL; an internal name must resolve on the machine n8n runs on (in Docker: inside the container, on every n8n process).`,
		};
	}
	if (code === 'EAI_AGAIN') {
		return {
			code,
			message: `The host "${target.hostname}" could not be resolved right now (DNS: ${code})`,
			hint: "The DNS server did not answer in time. Check the DNS settings of the machine (or container) n8n runs on; the request was retried where that is safe.",
		};
	}
	if (code === 'ECONNREFUSED') {
		const refused = refusedAt(chain);
		if (refused.port !== undefined && refused.port !== portOf(target)) {
			return {
				code,
				message: `The proxy at ${refused.address ?? 'its address'}:${refused.port} refused the connection (${code})`,
				hint: PROXY_SETTINGS,
			};
		}
		const other = target.protocol === 'https:' ? 'http' : 'https';
		return {
			code,
			message: `Nothing accepts connections at ${host} (connection refused, ${code})`,
			hint: `Check the host and port of the Server URL and that Rocket.Chat runs. Rocket.Chat itself listens on port 3000 by default (http); behind a reverse proxy it is usually https on port 443, without a port in the URL. If the server answers on ${other}, use ${other}:// with its port.`,
		};
	}
	if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(message)) {
		return {
			code,
			message: `${host} does not speak https (${code})`,
			hint: `The Server URL starts with https://, but the server at ${host} answered in plain http: use http:// for this port, or the port where the server (or its reverse proxy) serves https.`,
		};
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		const seconds = Math.round(request.timeoutMs / 100) / 10;
		const option = request.trigger
			? `The trigger waits ${seconds} s for each request.`
			: `If the server is just slow, raise "Timeout (Ms)" under the node's Request Options (now ${request.timeoutMs}).`;
		const connecting = /connect ETIMEDOUT/.test(message);
		return {
			code,
			message: connecting
				? `The connection to ${host} timed out (${code})`
				: `${host} did not answer within ${seconds} s (${code})`,
			hint: connecting
				? 'Nothing answered the connection attempt: a firewall may drop the packets, or the address is wrong. Check the Server URL and the network between n8n and Rocket.Chat.'
				: `The server accepted the connection but sent no answer in time. ${option} Check that the Server URL points at Rocket.Chat itself (not a port that accepts connections and stays silent).`,
		};
	}
	if (code === 'ECONNRESET' || /socket hang up/i.test(message)) {
		return {
			code,
			message: `${host} closed the connection without an answer (${code})`,
			hint:
				target.protocol === 'http:'
					? `If the server serves https on this port, use https:// in the Server URL (a TLS port closes a plain http request this way). Otherwise the server, a firewall or a proxy in between dropped the connection; a reading request was retried.`
					: 'If this port serves plain http, use http:// in the Server URL (some servers drop a TLS handshake this way). Otherwise the server, a firewall or a proxy in between dropped the connection; a reading request was retried.',
		};
	}
	if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
		return {
			code,
			message: `No route to ${host} (${code})`,
			hint: 'The machine n8n runs on cannot reach that network: check the address in the Server URL, the routes and firewalls between n8n and Rocket.Chat.',
		};
	}
	return {
		code,
		message: `Could not reach Rocket.Chat at ${host} (${code}${message ? `: ${message}` : ''})`,
		hint: 'The request failed before the server answered. Check the Server URL of the credential and that the server is up.',
	};
}

/** The error for a request that never got an HTTP answer. Built from the cause only, never from the raw error. */
export function requestFailure(node: INode, error: unknown, itemIndex: number, request: FailedRequest): NodeApiError {
	const cause = describeFailure(error, request);
	// The URL without its query (the avatar routes may carry rc_token there).
	const target = new URL(request.url);
	const where = `${target.origin}${target.pathname}`;
	const failure = new NodeApiError(
		node,
		{ code: cause.code, message: `${cause.message} — ${where}` },
		{ message: cause.message, description: `${cause.hint} (Request: ${where})`, httpCode: cause.code, itemIndex },
	);
	// NodeApiError swaps the message of common codes (ECONNREFUSED, ENOTFOUND, ...) for n8n's generic sentence.
	failure.message = cause.message;
	return failure;
}
