import { randomBytes } from 'crypto';

export interface MultipartFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/**
 * Encodes a multipart/form-data body by hand: community nodes may have no runtime dependencies,
 * and a Buffer body goes through n8n's HTTP helper unchanged.
 */
export function encodeMultipart(
	fields: Record<string, string>,
	file: MultipartFile,
): { body: Buffer; contentType: string } {
	const boundary = `----n8nRocketChat${randomBytes(12).toString('hex')}`;
	const quote = (text: string) => text.replace(/["\r\n]/g, '_');
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
};

/** The MIME type without parameters, e.g. `image/svg+xml` from `image/svg+xml; charset=utf-8`. */
export function baseMimeType(contentType: unknown): string {
	const text = Array.isArray(contentType) ? String(contentType[0]) : String(contentType ?? '');
	return text.split(';')[0].trim().toLowerCase() || 'application/octet-stream';
}

export function fileNameFor(base: string, mimeType: string): string {
	const extension = EXTENSIONS[mimeType];
	return extension ? `${base}.${extension}` : base;
}
