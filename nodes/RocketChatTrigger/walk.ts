import type { IDataObject } from 'n8n-workflow';

/** Rocket.Chat's upper count limit (API_Upper_Count_Limit); a server set lower sends smaller pages. */
export const PAGE_SIZE = 100;

export interface Page {
	entries: IDataObject[];
	/** The list's size as the server reported it with this page (`total`). */
	total?: number;
}

export type FetchPage = (offset: number, count: number) => Promise<Page>;

export interface WalkOptions {
	idOf: (entry: IDataObject) => string;
	/** Whether the entries read so far (newest first, without repeats) reach what was already seen. */
	readEnough: (window: IDataObject[]) => boolean;
	/** A safety stop: pages one poll may read. */
	maxPages: number;
	/** Epoch ms after which no further page is requested (the host's poll budget). */
	deadline?: number;
	now?: () => number;
	/**
	 * The sort key of the list (e.g. the login time). Entries sharing a key may come in any order from one request
	 * to the next (MongoDB orders ties arbitrarily), so a page boundary inside such a group could skip an entry:
	 * the next page then starts where the group began on this page, and the group is read whole.
	 */
	sortKeyOf?: (entry: IDataObject) => unknown;
}

export interface Walk {
	/** Entries newest first, each once (a page can repeat entries when new ones arrive during the walk). */
	window: IDataObject[];
	/** The walk read the whole list. */
	reachedEnd: boolean;
	/** The walk stopped at `maxPages` or at the deadline before reaching what was already seen. */
	cut: boolean;
	pages: number;
	/** The list's size reported with the first page, i.e. when the window's top was read. */
	total?: number;
}

/**
 * Reads a newest-first list page by page until `readEnough` says the entries reach what was already
 * seen, the list ends, or the page/time budget runs out. Reading newest first is safe while entries
 * arrive: they push older entries to later offsets, which can only repeat an entry, never skip one.
 * The end is judged by the server's `total` (or a short page), never by the page size asked for.
 */
export async function readNewestFirst(fetchPage: FetchPage, options: WalkOptions): Promise<Walk> {
	const now = options.now ?? Date.now;
	const window: IDataObject[] = [];
	const ids = new Set<string>();
	let offset = 0;
	let pages = 0;
	let total: number | undefined;
	for (;;) {
		if (pages > 0 && (pages >= options.maxPages || (options.deadline !== undefined && now() >= options.deadline))) {
			return { window, reachedEnd: false, cut: true, pages, total };
		}
		const page = await fetchPage(offset, PAGE_SIZE);
		if (pages === 0) total = page.total;
		pages++;
		for (const entry of page.entries) {
			const id = options.idOf(entry);
			if (ids.has(id)) continue;
			ids.add(id);
			window.push(entry);
		}
		offset += page.entries.length;
		const reachedEnd =
			page.entries.length === 0 ||
			(page.total !== undefined ? offset >= page.total : page.entries.length < PAGE_SIZE);
		if (reachedEnd) return { window, reachedEnd: true, cut: false, pages, total };
		if (options.readEnough(window)) return { window, reachedEnd: false, cut: false, pages, total };
		offset -= tieGroupAtEnd(page.entries, options.sortKeyOf);
	}
}

/**
 * How many entries at the end of a page share the last entry's sort key, when that group does not fill the
 * page (a page that is one group is read past: a group larger than a page relies on the server's order).
 */
function tieGroupAtEnd(entries: IDataObject[], sortKeyOf: WalkOptions['sortKeyOf']): number {
	if (!sortKeyOf || entries.length === 0) return 0;
	const last = sortKeyOf(entries[entries.length - 1]);
	let start = entries.length - 1;
	while (start > 0 && sortKeyOf(entries[start - 1]) === last) start--;
	return start > 0 ? entries.length - start : 0;
}

/**
 * Runs `task` over `inputs` in order, at most `concurrency` at a time, starting no new one after the
 * deadline (the first always starts, so every poll makes progress). Returns the results of the inputs
 * that ran, which are always the first ones. The first failure is rethrown once the running ones settle.
 */
export async function mapPrefixUntil<T, R>(
	inputs: readonly T[],
	concurrency: number,
	deadline: number | undefined,
	task: (input: T) => Promise<R>,
	now: () => number = Date.now,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (failure === undefined && next < inputs.length && (next === 0 || deadline === undefined || now() < deadline)) {
			const index = next++;
			try {
				results[index] = await task(inputs[index]);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
	if (failure) throw failure.error;
	return results.slice(0, next);
}
