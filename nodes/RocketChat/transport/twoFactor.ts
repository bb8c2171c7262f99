import { createHash, createHmac } from 'crypto';
import type { TwoFactorMethod, TwoFactorOverride } from './spec';

/** The credential's unattended 2FA answer. */
export type CredentialTwoFactor =
	| { method: 'none' }
	| { method: 'password'; password: string }
	| { method: 'totp'; secret: string };

/** Rocket.Chat's password fallback compares the lowercase hex SHA-256 of the password. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, tolerant of spaces, lowercase and padding as authenticator apps show them. */
export function decodeBase32(secret: string): Buffer {
	const clean = secret.replace(/[\s=-]/g, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const bytes: number[] = [];
	for (const char of clean) {
		const index = BASE32_ALPHABET.indexOf(char);
		if (index === -1) throw new Error('The TOTP secret is not valid base32 (letters A-Z and digits 2-7)');
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA-1, 30 s steps), the algorithm Rocket.Chat's authenticator 2FA uses. */
export function totp(key: Buffer, timeMs: number, digits = 6, stepSeconds = 30): string {
	const counter = Math.floor(timeMs / 1000 / stepSeconds);
	const message = Buffer.alloc(8);
	message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
	message.writeUInt32BE(counter % 2 ** 32, 4);
	const hmac = createHmac('sha1', key).update(message).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
	return binary.toString().padStart(digits, '0');
}

function header(method: TwoFactorMethod, code: string): Record<string, string> {
	return { 'x-2fa-code': code, 'x-2fa-method': method };
}

/**
 * Headers answering the server's 2FA challenge for a gated route: the per-call override first,
 * then the credential's method. Empty when there is nothing to send.
 */
export function twoFactorHeaders(
	credential: CredentialTwoFactor,
	override: TwoFactorOverride,
	nowMs: number,
): Record<string, string> {
	if (override.code) {
		const method = override.method ?? 'email';
		return header(method, method === 'password' ? sha256Hex(override.code) : override.code);
	}
	if (credential.method === 'password') return header('password', sha256Hex(credential.password));
	if (credential.method === 'totp') return header('totp', totp(decodeBase32(credential.secret), nowMs));
	return {};
}
