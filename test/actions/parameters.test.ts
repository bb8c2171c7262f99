import { Parameters } from '../../nodes/RocketChat/actions/parameters';

/** Parameters over plain values, with display names, as the router builds them. */
function params(values: Record<string, unknown>, itemIndex = 0): Parameters {
	const labels = { password: 'Password', email: 'Email', from: 'Changed Since', status: 'Status' };
	return new Parameters((name) => (name in values ? values[name] : null), itemIndex, labels, Date.UTC(2026, 0, 15));
}

describe('Parameters: shared readers of the operations', () => {
	describe('secret', () => {
		test('is sent exactly as typed: not trimmed', () => {
			expect(params({ password: '  p a s s  ' }).secret('password')).toBe('  p a s s  ');
			expect(params({}).toSecret(' x ', 'password')).toBe(' x ');
		});

		test.each([
			[undefined, 'Password (item 4): a value is required'],
			['', 'Password (item 4): a value is required'],
			[{ hidden: 'hunter2' }, 'Password (item 4): expected text, got an object'],
		])('%j is refused naming the field and item', (password, message) => {
			expect(() => params({ password }, 4).secret('password')).toThrow(message);
		});

		test('an error never contains the value', () => {
			const attempt = () => params({ password: { value: 'hunter2' } }).secret('password');
			expect(attempt).toThrow();
			try {
				attempt();
			} catch (error) {
				expect((error as Error).message).not.toContain('hunter2');
			}
		});

		test('an own message for an empty value', () => {
			expect(() => params({ password: '' }).secret('password', 'needed here')).toThrow('Password (item 0): needed here');
		});
	});

	describe('email', () => {
		test('trims and accepts an address', () => {
			expect(params({ email: ' jane@example.com ' }).email('email')).toBe('jane@example.com');
			expect(params({}).toEmail('a@b', 'email')).toBe('a@b');
		});

		test.each([
			['', 'Email (item 1): a value is required'],
			['jane', 'Email (item 1): not a valid e-mail address: "jane"'],
			['jane doe@x', 'Email (item 1): not a valid e-mail address: "jane doe@x"'],
			[['a@b'], 'Email (item 1): expected text, got an object'],
		])('%j is refused naming the field and item', (email, message) => {
			expect(() => params({ email }, 1).email('email')).toThrow(message);
		});
	});

	describe('toIsoDateTime', () => {
		const p = params({});
		test.each([
			['2026-01-31T17:00:00Z', '2026-01-31T17:00:00.000Z'],
			[Date.UTC(2026, 0, 31), '2026-01-31T00:00:00.000Z'],
			[new Date(Date.UTC(2026, 0, 31)), '2026-01-31T00:00:00.000Z'],
			[{ toMillis: () => Date.UTC(2026, 0, 31) }, '2026-01-31T00:00:00.000Z'],
		])('%j → %s', (value, iso) => {
			expect(p.toIsoDateTime(value, 'from')).toBe(iso);
		});

		describe("a date and time without an offset (n8n's date picker) is meant in the workflow's time zone", () => {
			const inZone = (timeZone: string) =>
				new Parameters(() => null, 0, {}, Date.UTC(2026, 0, 15), () => undefined, timeZone);
			test.each([
				['Europe/Berlin', '2026-01-31T17:00:00', '2026-01-31T16:00:00.000Z'], // winter, UTC+1
				['Europe/Berlin', '2026-07-01T17:00:00', '2026-07-01T15:00:00.000Z'], // summer, UTC+2
				['Europe/Berlin', '2026-01-31', '2026-01-30T23:00:00.000Z'],
				['America/New_York', '2026-03-08T03:30:00', '2026-03-08T07:30:00.000Z'], // just after the DST jump
				['America/New_York', '2026-11-01T00:30:00.250', '2026-11-01T04:30:00.250Z'],
				['Asia/Kolkata', '2026-01-31 17:00', '2026-01-31T11:30:00.000Z'],
				['UTC', '2026-01-31T17:00:00', '2026-01-31T17:00:00.000Z'],
				// An explicit offset wins over the zone.
				['Europe/Berlin', '2026-01-31T17:00:00Z', '2026-01-31T17:00:00.000Z'],
				['Europe/Berlin', '2026-01-31T17:00:00+05:00', '2026-01-31T12:00:00.000Z'],
			])('%s: %s → %s', (timeZone, value, iso) => {
				expect(inZone(timeZone).toIsoDateTime(value, 'from')).toBe(iso);
			});
		});

		test('empty is undefined; anything else names the field', () => {
			expect(p.toIsoDateTime('', 'from')).toBeUndefined();
			expect(p.toIsoDateTime(undefined, 'from')).toBeUndefined();
			expect(() => p.toIsoDateTime('soon', 'from')).toThrow(
				'Changed Since (item 0): expected a date and time such as 2026-01-31T17:00:00Z, got "soon"',
			);
		});
	});

	test('username: a leading @ is dropped; nothing left is an error', () => {
		expect(params({ username: ' @jane.doe ' }).username('username')).toBe('jane.doe');
		expect(() => params({ username: '@' }, 2).username('username')).toThrow('username (item 2): a value is required');
	});

	test('toAddedText: not added is undefined, added but empty is an error', () => {
		const p = params({});
		expect(p.toAddedText(undefined, 'status')).toBeUndefined();
		expect(p.toAddedText(' active ', 'status')).toBe('active');
		expect(() => p.toAddedText(' ', 'status')).toThrow('Status (item 0): a value is required when the option is added');
	});
});
