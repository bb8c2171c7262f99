import {
	decodeBase32,
	sha256Hex,
	totp,
	twoFactorHeaders,
} from '../../nodes/RocketChat/transport/twoFactor';

// RFC 6238 appendix B, SHA-1 key "12345678901234567890", 8 digits.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: Array<[number, string]> = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130'],
];

describe('two-factor codes', () => {
	test.each(RFC_VECTORS)('RFC 6238 vector at T=%i', (seconds, expected) => {
		expect(totp(RFC_KEY, seconds * 1000, 8)).toBe(expected);
	});

	test('six digits are the last six of the eight-digit code', () => {
		expect(totp(RFC_KEY, 59_000)).toBe('287082');
	});

	test('base32 decoding accepts spaces, lowercase and padding', () => {
		// base32 of the RFC key
		const secret = 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq====';
		expect(decodeBase32(secret)).toEqual(RFC_KEY);
		expect(() => decodeBase32('not base32!')).toThrow('not valid base32');
	});

	test('password method sends the lowercase hex SHA-256 of the password', () => {
		expect(sha256Hex('password')).toBe('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8');
		expect(twoFactorHeaders({ method: 'password', password: 'password' }, {}, 0)).toEqual({
			'x-2fa-code': '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
			'x-2fa-method': 'password',
		});
	});

	test('TOTP method computes a fresh code for the current time', () => {
		const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
		expect(twoFactorHeaders({ method: 'totp', secret }, {}, 59_000)).toEqual({
			'x-2fa-code': '287082',
			'x-2fa-method': 'totp',
		});
		expect(twoFactorHeaders({ method: 'totp', secret }, {}, 1111111109_000)['x-2fa-code']).toBe('081804');
	});

	test('a per-call code wins over the credential; a typed password is hashed', () => {
		const credential = { method: 'totp' as const, secret: 'GEZDGNBVGY3TQOJQ' };
		expect(twoFactorHeaders(credential, { code: '123456', method: 'email' }, 0)).toEqual({
			'x-2fa-code': '123456',
			'x-2fa-method': 'email',
		});
		expect(twoFactorHeaders(credential, { code: 'password', method: 'password' }, 0)['x-2fa-code']).toBe(
			sha256Hex('password'),
		);
	});

	test('no method, no headers', () => {
		expect(twoFactorHeaders({ method: 'none' }, {}, 0)).toEqual({});
	});
});
