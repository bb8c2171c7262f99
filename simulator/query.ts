/** Pagination and sorting like getPaginationItems / parseJsonQuery and MongoDB's sort order. */
import { MeteorError } from './errors';

export const DEFAULT_COUNT = 50; // API_Default_Count
export const UPPER_COUNT_LIMIT = 100; // API_Upper_Count_Limit

export type Query = Record<string, string | string[]>;

export function first(query: Query, key: string): string | undefined {
	const v = query[key];
	return Array.isArray(v) ? v[0] : v;
}

/** count missing → 50, count > 100 → 100, count = 0 → no limit (API_Allow_Infinite_Count). */
export function getPaginationItems(query: Query): { offset: number; count: number } {
	const rawOffset = first(query, 'offset');
	const rawCount = first(query, 'count');
	const offset = rawOffset ? parseInt(rawOffset, 10) || 0 : 0;
	let count = DEFAULT_COUNT;
	if (rawCount !== undefined && rawCount !== '') {
		const parsed = parseInt(rawCount, 10);
		count = Number.isNaN(parsed) ? DEFAULT_COUNT : Math.abs(parsed);
	}
	if (count > UPPER_COUNT_LIMIT) count = UPPER_COUNT_LIMIT;
	return { offset: Math.max(0, offset), count };
}

export type SortSpec = Array<[string, 1 | -1]>;

/** parseJsonQuery's sort handling: a JSON object of field → 1 | -1. */
export function parseSort(raw: string | undefined): SortSpec | undefined {
	if (raw === undefined || raw === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(raw);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
		const spec: SortSpec = [];
		for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
			if (value !== 1 && value !== -1) throw new Error(`Invalid sort parameter: ${key}`);
			spec.push([key, value]);
		}
		return spec;
	} catch {
		throw new MeteorError('error-invalid-sort', `Invalid sort parameter provided: "${raw}"`, { helperMethod: 'parseJsonQuery' });
	}
}

const isArray = Array.isArray;
const DateCtor = Date;
const StringCtor = String;
const NumberCtor = Number;

/** MongoDB BSON comparison order for the value types the model uses. */
function typeRank(v: unknown): number {
	if (v === undefined || v === null) return 0;
	if (typeof v === 'number') return 1;
	if (typeof v === 'string') return 2;
	if (isArray(v)) return 4;
	if (typeof v === 'boolean') return 8;
	if (v instanceof DateCtor) return 9;
	return 3;
}

export function compareValues(a: unknown, b: unknown): number {
	const ra = typeRank(a);
	const rb = typeRank(b);
	if (ra !== rb) return ra - rb;
	if (ra === 0) return 0;
	if (a instanceof DateCtor && b instanceof DateCtor) return a.getTime() - b.getTime();
	if (typeof a === 'boolean') return NumberCtor(a) - NumberCtor(b as boolean);
	if (typeof a === 'number') return a - (b as number);
	const sa = StringCtor(a);
	const sb = StringCtor(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0; // binary (case-sensitive) like MongoDB without collation
}

/** Sorts a copy; ties keep natural (insertion) order, which is what tests can rely on. */
export function sortBy<T>(items: readonly T[], spec: SortSpec, getter: (item: T, key: string) => unknown): T[] {
	const indexed = items.map((item, i) => ({ item, i }));
	indexed.sort((x, y) => {
		for (const [key, dir] of spec) {
			const c = compareValues(getter(x.item, key), getter(y.item, key));
			if (c !== 0) return c * dir;
		}
		return x.i - y.i;
	});
	return indexed.map((e) => e.item);
}

/**
 * Remembers the last few filtered+sorted listings per state version, so paging through
 * 100 000 users costs one sort, not one per page. The first page (offset 0) always recomputes.
 */
export class ListingCache<T> {
	private entries = new Map<string, { version: number; items: T[] }>();

	get(key: string, version: number, offset: number, compute: () => T[]): T[] {
		const hit = this.entries.get(key);
		if (offset > 0 && hit && hit.version === version) return hit.items;
		const items = compute();
		this.entries.delete(key);
		this.entries.set(key, { version, items });
		if (this.entries.size > 16) this.entries.delete(this.entries.keys().next().value as string);
		return items;
	}
}

export function paginate<T>(items: readonly T[], offset: number, count: number): T[] {
	return count === 0 ? items.slice(offset) : items.slice(offset, offset + count);
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseBool(v: string | undefined): boolean | undefined {
	if (v === undefined) return undefined;
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	return undefined;
}
