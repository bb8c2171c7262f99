import { createHmac } from 'node:crypto';

/** RFC 4648 base32 (no padding required), as used by authenticator apps. */
export function base32Decode(input: string): Buffer {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const clean = input.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '');
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const ch of clean) {
		const idx = alphabet.indexOf(ch);
		if (idx < 0) throw new Error(`invalid base32 character '${ch}'`);
		value = (value << 5) | idx;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

export function base32Encode(data: Buffer): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of data) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += alphabet[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
	return out;
}

/** RFC 4226 HOTP with HMAC-SHA-1. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
	const msg = Buffer.alloc(8);
	msg.writeUInt32BE(Math.floor(counter / 0x100000000), 0);
	msg.writeUInt32BE(counter >>> 0, 4);
	const mac = createHmac('sha1', key).update(msg).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const bin =
		((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
	return String(bin % 10 ** digits).padStart(digits, '0');
}

export interface TotpOptions {
	/** Unix time in milliseconds (defaults to Date.now()). */
	timeMs?: number;
	digits?: number;
	stepSeconds?: number;
}

/** RFC 6238 TOTP (SHA-1). The secret is base32 unless a Buffer is given. */
export function generateTotp(secret: string | Buffer, options: TotpOptions = {}): string {
	const key = typeof secret === 'string' ? base32Decode(secret) : secret;
	const step = options.stepSeconds ?? 30;
	const counter = Math.floor((options.timeMs ?? Date.now()) / 1000 / step);
	return hotp(key, counter, options.digits ?? 6);
}

/** Accepts codes from `window` steps before/after now, like the server's TOTP check (window 1). */
export function verifyTotp(secret: string | Buffer, code: string, timeMs: number, window = 1): boolean {
	const key = typeof secret === 'string' ? base32Decode(secret) : secret;
	const normalized = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(normalized)) return false;
	const counter = Math.floor(timeMs / 1000 / 30);
	for (let d = -window; d <= window; d++) {
		if (hotp(key, counter + d, 6) === normalized) return true;
	}
	return false;
}
