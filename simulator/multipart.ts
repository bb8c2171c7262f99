/** Minimal multipart/form-data parser (RFC 7578) for users.setAvatar uploads. */

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	headers: Record<string, string>;
	data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]).trim() : undefined;
}

function parseDisposition(value: string): Record<string, string> {
	const params: Record<string, string> = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(value)) !== null) {
		params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
	}
	return params;
}

/** Throws on a malformed body; the caller maps that to a 400. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('Multipart: Boundary not found');
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: MultipartPart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('Multipart: Unexpected end of form');
	for (;;) {
		pos += delimiter.length;
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		else if (body[pos] === 0x0a) pos += 1;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new Error('Multipart: Malformed part header');
		const headers: Record<string, string> = {};
		for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
			const idx = line.indexOf(':');
			if (idx > 0) headers[line.slice(0, idx).trim().toLowerCase()] = line.slice(idx + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
		if (next < 0) throw new Error('Multipart: Unexpected end of form');
		const disposition = parseDisposition(headers['content-disposition'] ?? '');
		parts.push({
			name: disposition.name ?? '',
			filename: disposition.filename,
			contentType: headers['content-type'],
			headers,
			data: Buffer.from(body.subarray(dataStart, next)),
		});
		pos = next + 2;
	}
	return parts;
}
