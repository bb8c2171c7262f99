/**
 * The outside world as the server reaches it when it downloads a URL (users.setAvatar with `avatarUrl`,
 * users.getAvatarSuggestion), and the SSRF check it runs first (app/lib/server/functions/checkUrlForSsrf.ts).
 * The simulator has no network: a test says what a URL answers through the `remoteUrls` option; every
 * other host is unresolvable, as on a server without internet access.
 */
import { SAMPLE_PNG } from './images';

/** What a URL answers; `address` is what its host resolves to. */
export interface RemoteAnswer {
	/** Default: a public address. */
	address?: string;
	/** Default 200. A 3xx fails the download (the server fetches with `redirect: 'error'`). */
	status?: number;
	contentType?: string;
	body?: Buffer;
}

export type RemoteUrls = (url: string) => RemoteAnswer | undefined;

const PUBLIC_ADDRESS = '93.184.215.14';

/** The reserved IPv4 ranges the server refuses to fetch from, plus the Alibaba metadata address. */
const RESERVED_RANGES: Array<[string, number]> = [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.88.99.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4],
	['255.255.255.255', 32],
	['100.100.100.200', 32],
];

/** Four decimal octets 0–255 written without leading zeros ('127.1' and '010.0.0.1' are not addresses). */
function isIPv4(host: string): boolean {
	const octets = host.split('.');
	return octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255 && String(Number(o)) === o);
}

function toNumber(ip: string): number {
	return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function isReserved(ip: string): boolean {
	if (!isIPv4(ip)) return true;
	const value = toNumber(ip);
	return RESERVED_RANGES.some(([base, bits]) => {
		const size = 2 ** (32 - bits);
		return Math.floor(value / size) === Math.floor(toNumber(base) / size);
	});
}

/**
 * The server's domain pattern: a first label of letters, digits and inner hyphens, then labels of letters only.
 * A port, user info or a digit in a later label makes the host invalid.
 */
const DOMAIN = /^(?!-)(?!.*--)[A-Za-z0-9-]{1,63}(?<!-)\.?(?:[A-Za-z]{2,63}\.?)*[A-Za-z]{2,63}$/;

/** checkUrlForSsrf: false for URLs the server refuses to download. */
export function safeToFetch(url: string, remote: RemoteUrls | undefined): boolean {
	if (!url.startsWith('http://') && !url.startsWith('https://')) return false;
	const host = url.split('://')[1].split('/')[0];
	if (isIPv4(host)) return !isReserved(host);
	if (!DOMAIN.test(host)) return false;
	if (/metadata.google.internal/.test(host.toLowerCase())) return false;
	// nslookup: an unresolvable host is refused too.
	const answer = remote?.(url);
	if (!answer) return false;
	return !isReserved(answer.address ?? PUBLIC_ADDRESS);
}

export type Download = { ok: true; data: Buffer; contentType: string } | { ok: false; status?: number };

/** fetch(url, { redirect: 'error' }): a network error (no answer, a redirect) or the status and body. */
export function download(url: string, remote: RemoteUrls | undefined): Download {
	const answer = remote?.(url);
	const status = answer?.status ?? 200;
	if (!answer || (status >= 300 && status < 400)) return { ok: false };
	if (status !== 200) return { ok: false, status };
	return { ok: true, data: answer.body ?? Buffer.alloc(0), contentType: answer.contentType ?? '' };
}

/**
 * A stand-in web for demos and harnesses: every https://example.com/… URL (the documentation domain the
 * example workflows use for photos) answers a small PNG; everything else stays unreachable.
 */
export const exampleComImages: RemoteUrls = (url) => (url.startsWith('https://example.com/') ? { contentType: 'image/png', body: SAMPLE_PNG } : undefined);
