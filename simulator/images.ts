/**
 * Real image bytes without image libraries: a solid-colour PNG (stored deflate),
 * a solid-colour baseline JPEG (DC-only blocks) and Rocket.Chat-style letter SVGs.
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(buf: Buffer): number {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function adler32(buf: Buffer): number {
	let a = 1;
	let b = 0;
	for (const byte of buf) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

/** zlib stream made of uncompressed ("stored") deflate blocks. */
function zlibStored(raw: Buffer): Buffer {
	const chunks: Buffer[] = [Buffer.from([0x78, 0x01])];
	for (let pos = 0; pos < raw.length || pos === 0; pos += 65535) {
		const len = Math.min(65535, raw.length - pos);
		const last = pos + len >= raw.length;
		const header = Buffer.alloc(5);
		header[0] = last ? 1 : 0;
		header.writeUInt16LE(len, 1);
		header.writeUInt16LE(~len & 0xffff, 3);
		chunks.push(header, raw.subarray(pos, pos + len));
		if (last) break;
	}
	const trailer = Buffer.alloc(4);
	trailer.writeUInt32BE(adler32(raw), 0);
	chunks.push(trailer);
	return Buffer.concat(chunks);
}

function pngChunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

export type Rgb = readonly [number, number, number];

export function solidPng(width: number, height: number, rgb: Rgb): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // truecolour RGB
	const row = Buffer.alloc(1 + width * 3);
	for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
	const raw = Buffer.alloc(row.length * height);
	for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', zlibStored(raw)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

class BitWriter {
	private bytes: number[] = [];
	private acc = 0;
	private n = 0;

	write(code: number, length: number): void {
		for (let i = length - 1; i >= 0; i--) {
			this.acc = (this.acc << 1) | ((code >>> i) & 1);
			this.n++;
			if (this.n === 8) this.flushByte();
		}
	}

	private flushByte(): void {
		this.bytes.push(this.acc);
		if (this.acc === 0xff) this.bytes.push(0x00); // JPEG byte stuffing
		this.acc = 0;
		this.n = 0;
	}

	finish(): Buffer {
		while (this.n !== 0) this.write(1, 1); // pad with 1-bits
		return Buffer.from(this.bytes);
	}
}

// Standard luminance DC table (ITU T.81 Annex K.3): counts per code length, symbols 0..11.
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CODES = (() => {
	const codes: Array<[number, number]> = [];
	let code = 0;
	for (let len = 1; len <= 16; len++) {
		for (let i = 0; i < DC_COUNTS[len - 1]; i++) codes.push([code++, len]);
		code <<= 1;
	}
	return codes;
})();

function marker(code: number, payload: number[]): Buffer {
	const len = payload.length + 2;
	return Buffer.from([0xff, code, len >> 8, len & 0xff, ...payload]);
}

/** Baseline JPEG, 4:4:4 YCbCr, every 8×8 block flat, so only DC coefficients are coded. */
export function solidJpeg(width: number, height: number, rgb: Rgb): Buffer {
	const [r, g, b] = rgb;
	const ycc = [
		0.299 * r + 0.587 * g + 0.114 * b,
		128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
		128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
	].map((v) => Math.max(0, Math.min(255, Math.round(v))));
	// DC of a flat block with all-ones quantisation is 8 × (value − 128).
	const dc = ycc.map((v) => 8 * (v - 128));

	const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const dqt = [0x00, ...new Array<number>(64).fill(1)];
	const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0];
	const dhtDc = [0x00, ...DC_COUNTS, ...Array.from({ length: 12 }, (_, i) => i)];
	// AC table with a single symbol (EOB = 0x00) coded as the 1-bit code '0'.
	const dhtAc = [0x10, 1, ...new Array<number>(15).fill(0), 0x00];
	const sos = [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0];

	const bits = new BitWriter();
	const mcus = Math.ceil(width / 8) * Math.ceil(height / 8);
	for (let m = 0; m < mcus; m++) {
		for (let c = 0; c < 3; c++) {
			const diff = m === 0 ? dc[c] : 0;
			const magnitude = Math.abs(diff);
			const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
			const [code, len] = DC_CODES[category];
			bits.write(code, len);
			if (category > 0) bits.write(diff < 0 ? diff + (1 << category) - 1 : diff, category);
			bits.write(0, 1); // EOB
		}
	}
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		marker(0xe0, jfif),
		marker(0xdb, dqt),
		marker(0xc0, sof),
		marker(0xc4, dhtDc),
		marker(0xc4, dhtAc),
		marker(0xda, sos),
		bits.finish(),
		Buffer.from([0xff, 0xd9]),
	]);
}

/** getAvatarColor: six colours, picked by the length of the name. */
const AVATAR_COLORS = ['#158D65', '#7F1B9F', '#B68D00', '#E26D0E', '#10529E', '#6C727A'];

export function avatarColor(text: string): string {
	return AVATAR_COLORS[text.length % AVATAR_COLORS.length];
}

export function hexToRgb(hex: string): Rgb {
	const v = parseInt(hex.slice(1), 16);
	return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/** The first ASCII letter or digit, upper-cased ('' when there is none), as the server's letter avatar takes it. */
function firstLetter(word: string): string {
	return word.replace(/[^A-Za-z0-9]/g, '').slice(0, 1).toUpperCase();
}

/**
 * The letter avatar Rocket.Chat renders (server/routes/avatar/utils.ts renderSVGLetters): a square of `size`
 * (viewBox only, no width/height) in the name's colour with its first letter, or the first letters of up to
 * three words with `allInitials`; '?' is black.
 */
export function letterAvatarSvg(text: string, size: number, allInitials = false): string {
	const unknown = text === '?';
	const color = unknown ? '#000' : avatarColor(text);
	const initials = unknown ? '?' : allInitials ? text.split(' ').slice(0, 3).map(firstLetter).join('') : firstLetter(text);
	const fontSize = size / (1.6 + (initials.length > 1 ? initials.length ** 2 / 10 : 0));
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">\n` +
		`<rect width="100%" height="100%" fill="${color}"/>\n` +
		`<text x="50%" y="50%" dy="0.36em" text-anchor="middle" pointer-events="none" fill="#ffffff" ` +
		`font-family="'Helvetica', 'Arial', 'Lucida Grande', 'sans-serif'" font-size="${fontSize}">\n${initials}\n</text>\n</svg>`
	);
}

/** Tiny fixed images tests can upload. */
export const SAMPLE_PNG: Buffer = solidPng(2, 2, [29, 116, 245]);
export const SAMPLE_JPEG: Buffer = solidJpeg(8, 8, [245, 69, 92]);
