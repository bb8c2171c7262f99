import type { IDataObject } from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import type { RequestSpec } from './spec';

/** Rocket.Chat clamps larger counts to 100, and `count=0` would mean "everything": never send it. */
export const PAGE_SIZE = 100;
/** Concurrent walks tried when the list keeps changing under Return All, before the resyncing walk. */
const MAX_CONCURRENT_WALKS = 2;
/** How many of the last entities read the resyncing walk looks for to find its place again. */
const ANCHORS = 10;

export type FetchPage = (qs: { offset: number; count: number }) => Promise<IDataObject>;

interface Page {
	items: IDataObject[];
	total?: number;
}

async function getPage(fetchPage: FetchPage, offset: number, count: number, itemsKey: string): Promise<Page> {
	const body = await fetchPage({ offset, count });
	const items = Array.isArray(body[itemsKey]) ? (body[itemsKey] as IDataObject[]) : [];
	return { items, total: typeof body.total === 'number' ? body.total : undefined };
}

/** Limit: pages one after another until enough entities arrived. */
async function fetchUpTo(fetchPage: FetchPage, itemsKey: string, limit: number): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	let offset = 0;
	while (collected.length < limit) {
		const count = Math.min(PAGE_SIZE, limit - collected.length);
		const page = await getPage(fetchPage, offset, count, itemsKey);
		collected.push(...page.items.slice(0, limit - collected.length));
		offset += page.items.length;
		if (page.items.length < count || (page.total !== undefined && offset >= page.total)) break;
	}
	return collected;
}

/**
 * Whether `page` continues `previous`: with overlapping pages, the entity that ends one page must start
 * the next. When it does not, the list shifted between the two requests (an entity added or removed
 * before that point, also when `total` stayed the same), and entities may have been skipped.
 */
function continues(previous: Page, page: Page, overlap: number): boolean {
	if (overlap === 0) return true;
	const shared = previous.items[previous.items.length - 1]?._id;
	const next = page.items[0]?._id;
	return shared === undefined || next === undefined || shared === next;
}

/**
 * One Return All walk: the first page gives `total` and the page size; the other pages are fetched
 * `concurrency` at a time, each starting at the last entity of the one before, and joined in the
 * server's order. `stable` is false when `total` moved or two pages do not join up.
 */
async function walk(
	fetchPage: FetchPage,
	itemsKey: string,
	concurrency: number,
): Promise<{ entities: IDataObject[]; stable: boolean }> {
	const first = await getPage(fetchPage, 0, PAGE_SIZE, itemsKey);
	const total = first.total ?? first.items.length;
	// A server configured with a lower upper count limit sends smaller pages: follow its size.
	const size = first.items.length;
	// One entity of overlap costs about 1% more requests and reveals every shift that could lose one.
	const overlap = size > 1 ? 1 : 0;
	const step = size - overlap;
	const offsets: number[] = [];
	if (size > 0) {
		for (let offset = step; offset + overlap < total; offset += step) offsets.push(offset);
	}
	const rest = await mapWithConcurrency(offsets, concurrency, (offset) =>
		getPage(fetchPage, offset, PAGE_SIZE, itemsKey),
	);
	const pages = [first, ...rest];
	let stable = pages.every(
		(page, index) =>
			(page.total === undefined || page.total === total) &&
			(index === 0 || continues(pages[index - 1], page, overlap)),
	);
	let next = (offsets[offsets.length - 1] ?? 0) + step;
	let last = pages[pages.length - 1];
	// Go on past the planned pages only where the list may be longer: a later page reported a larger
	// total (entities added meanwhile), or the server sends no total and the last page came back full.
	const longest = () => Math.max(...pages.map((page) => page.total ?? -1));
	const more = () => (first.total === undefined ? last.items.length === size : next + overlap < longest());
	while (size > 0 && last.items.length > 0 && more()) {
		const page = await getPage(fetchPage, next, PAGE_SIZE, itemsKey);
		if ((page.total !== undefined && page.total !== total) || !continues(last, page, overlap)) stable = false;
		if (page.items.length <= overlap) break;
		pages.push(page);
		last = page;
		next += step;
	}
	// One array, filled in place: a slice per page would copy every page once more (peak heap).
	const entities: IDataObject[] = [];
	pages.forEach((page, index) => {
		for (let at = index === 0 ? 0 : overlap; at < page.items.length; at++) entities.push(page.items[at]);
	});
	return { entities, stable };
}

/** Entities can repeat across pages when the list shifts between two page requests. */
function withoutDuplicates(entities: IDataObject[]): IDataObject[] {
	const seen = new Set<unknown>();
	return entities.filter((entity) => {
		const id = entity._id;
		if (id === undefined) return true;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

/**
 * The last resort when the list keeps changing during every walk: one page at a time, each read from
 * the last entity read so far. When that entity is no longer where it was (entities were removed or
 * added before it), the walk finds it, or one of the few read before it, in this page or the page
 * just before, and goes on right after it. Undefined when it loses its place (those entities are gone).
 */
async function resyncingWalk(fetchPage: FetchPage, itemsKey: string): Promise<IDataObject[] | undefined> {
	const first = await getPage(fetchPage, 0, PAGE_SIZE, itemsKey);
	const size = first.items.length;
	const entities = [...first.items];
	const seen = new Set(entities.map((entity) => entity._id));
	// Where the page continues the list: just after the latest of the last entities read that it holds.
	const resumeAt = (page: Page): number => {
		for (const anchor of entities.slice(-ANCHORS).reverse()) {
			if (anchor._id === undefined) return 1; // no IDs to check: trust the overlap
			const index = page.items.findIndex((entity) => entity._id === anchor._id);
			if (index >= 0) return index + 1;
		}
		return -1;
	};
	let offset = size - 1;
	// Pages that bring nothing new, in a row: a list that keeps moving back under the walk.
	let stalled = 0;
	while (size > 1 && entities.length > 0) {
		if (stalled > 3) return undefined;
		let page = await getPage(fetchPage, offset, PAGE_SIZE, itemsKey);
		let resume = resumeAt(page);
		if (resume < 0) {
			// Entities removed before this point moved what was read last to a lower offset.
			offset = Math.max(0, offset - (size - 1));
			page = await getPage(fetchPage, offset, PAGE_SIZE, itemsKey);
			resume = resumeAt(page);
			if (resume < 0) return undefined;
		}
		const before = entities.length;
		for (const entity of page.items.slice(resume)) {
			if (entity._id !== undefined && seen.has(entity._id)) continue;
			seen.add(entity._id);
			entities.push(entity);
		}
		stalled = entities.length > before ? 0 : stalled + 1;
		if (page.items.length < size) break;
		offset += page.items.length - 1;
	}
	return entities;
}

/**
 * Collects a paginated list. Return All walks again when the list changed under it (a deletion
 * shifts later entities to earlier offsets, where a running walk would miss them); when it changes
 * during every walk, a last walk reads one page at a time and finds its place again after each change.
 */
export async function fetchPages(
	paginate: NonNullable<RequestSpec['paginate']>,
	fetchPage: FetchPage,
	concurrency = 1,
): Promise<IDataObject[]> {
	const { itemsKey, returnAll, limit } = paginate;
	if (!returnAll) return await fetchUpTo(fetchPage, itemsKey, limit);
	let result = await walk(fetchPage, itemsKey, concurrency);
	for (let walks = 1; !result.stable && walks < MAX_CONCURRENT_WALKS; walks++) {
		result = await walk(fetchPage, itemsKey, concurrency);
	}
	// A stable walk has no repeats: every page joined the one before at the same total, so nothing shifted.
	// Not de-duplicating it saves a Set and a copy of 100,000 entries (Return All's peak heap).
	if (result.stable) return result.entities;
	// The resyncing walk skips what it has seen as it goes; only a kept unstable walk needs de-duplicating.
	return (await resyncingWalk(fetchPage, itemsKey)) ?? withoutDuplicates(result.entities);
}
