/**
 * Deterministic pseudo-random numbers for seeding and fault injection.
 * mulberry32: tiny, fast, good enough for test data (not for security).
 */
// Module-level aliases: inside jest's vm context every global lookup (Math, String…) is ~10× slower,
// and seeding 100 000 users makes millions of these calls.
const imul = Math.imul;
const floor = Math.floor;
const fromCharCode = String.fromCharCode;

export class Prng {
	private s: number;

	constructor(seed: number) {
		// Mix the seed so that 1, 2, 3… give unrelated streams.
		this.s = (imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
	}

	/** Float in [0, 1). */
	next(): number {
		this.s = (this.s + 0x6d2b79f5) >>> 0;
		let t = this.s;
		t = imul(t ^ (t >>> 15), t | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max] (inclusive). */
	int(min: number, max: number): number {
		return min + floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}

	/** Picks by weight: [[value, weight], …]. */
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
		let total = 0;
		for (const [, w] of entries) total += w;
		let r = this.next() * total;
		for (const [v, w] of entries) {
			r -= w;
			if (r < 0) return v;
		}
		return entries[entries.length - 1][0];
	}

	string(length: number, alphabet: string): string {
		// Built from char codes: `out += ch` would leave a deep cons-string (slow to hash, ~1 KB per token).
		const codes: number[] = [];
		for (let i = 0; i < length; i++) codes.push(alphabet.charCodeAt(floor(this.next() * alphabet.length)));
		return fromCharCode(...codes);
	}

	/** Same alphabet and length as Meteor's Random.id(). */
	id(): string {
		return this.string(17, UNMISTAKABLE);
	}

	/** Same shape as Meteor's Random.secret(): 43 chars of base64url. */
	secret(): string {
		return this.string(43, BASE64URL);
	}

	hex(length: number): string {
		return this.string(length, '0123456789abcdef');
	}
}

export const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
