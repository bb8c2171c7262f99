import * as fs from 'fs';
import * as path from 'path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { parse as parseYaml } from 'yaml';
import * as setPreferences from '../../nodes/RocketChat/actions/user/setPreferences';
import { buildRequest, toContractRequest, userRef } from '../support/builders';
import { loadOpenApiContract, openApiSkipReason } from '../support/openapi';

const contract = loadOpenApiContract();
const { PREFERENCE_KINDS } = setPreferences;

const collection = setPreferences.description.find((field) => field.name === 'preferences')!;
const collectionOptions = collection.options as INodeProperties[];
/** The typed fields; the collection's JSON option takes the keys they do not cover. */
const preferenceFields = collectionOptions.filter((field) => field.name !== 'preferencesJson');

/** The `data` properties of users.setPreferences in the official spec, when the file is there. */
function specDataProperties(): Record<string, { type: string; items?: { type?: string } }> | undefined {
	const dir = process.env.ROCKETCHAT_OPENAPI_DIR || path.resolve(__dirname, '..', '..', '..', 'shared', 'rocketchat-openapi');
	const file = path.join(dir, 'user-management.yaml');
	if (!fs.existsSync(file)) return undefined;
	const doc = parseYaml(fs.readFileSync(file, 'utf8'));
	return doc.paths['/api/v1/users.setPreferences'].post.requestBody.content['application/json'].schema.properties.data
		.properties;
}
const specProperties = specDataProperties();

describe('User → Set Preferences (users.setPreferences)', () => {
	test('sends typed preferences for the credential user', () => {
		expect(
			buildRequest(setPreferences, {
				preferences: {
					useEmojis: true,
					hideRoles: false,
					clockMode: 2,
					messageViewMode: 1,
					notificationsSoundVolume: 40,
					masterVolume: 75.5,
					idleTimeLimit: 600,
					language: ' de ',
					desktopNotifications: 'mentions',
					themeAppearence: 'high-contrast',
					highlights: 'deploy, docker ,',
					utcOffset: 5.5,
				},
			}),
		).toEqual({
			method: 'POST',
			path: '/api/v1/users.setPreferences',
			body: {
				data: {
					useEmojis: true,
					hideRoles: false,
					clockMode: 2,
					messageViewMode: 1,
					notificationsSoundVolume: 40,
					masterVolume: 75.5,
					idleTimeLimit: 600,
					language: 'de',
					desktopNotifications: 'mentions',
					themeAppearence: 'high-contrast',
					highlights: ['deploy', 'docker'],
					utcOffset: 5.5,
				},
			},
			output: { key: 'user' },
		});
	});

	test('values from expressions are converted to the real types', () => {
		const spec = buildRequest(setPreferences, {
			preferences: { useEmojis: 'false', clockMode: '1', idleTimeLimit: '300', highlights: ['a', 'b'] },
		});
		expect(spec.body!.data).toEqual({ useEmojis: false, clockMode: 1, idleTimeLimit: 300, highlights: ['a', 'b'] });
	});

	test("the Don't Ask Again list becomes [{action, label}]", () => {
		const spec = buildRequest(setPreferences, {
			preferences: { dontAskAgainList: { entries: [{ action: ' hideRoom ', label: 'Hide' }] } },
		});
		expect(spec.body!.data).toEqual({ dontAskAgainList: [{ action: 'hideRoom', label: 'Hide' }] });
		expect(buildRequest(setPreferences, { preferences: { dontAskAgainList: {} } }).body!.data).toEqual({
			dontAskAgainList: [],
		});
	});

	test('for another user (ID only) it needs edit-other-user-info', () => {
		const spec = buildRequest(setPreferences, { user: userRef('list', 'rbAXPnMktTFbNpwtJ'), preferences: { useEmojis: true } });
		expect(spec.body).toEqual({ userId: 'rbAXPnMktTFbNpwtJ', data: { useEmojis: true } });
		expect(spec.permission).toBe('edit-other-user-info');
		expect(() =>
			buildRequest(setPreferences, { user: userRef('username', 'jane'), preferences: { useEmojis: true } }, { itemIndex: 1 }),
		).toThrow('User (item 1): this operation needs a user ID');
	});

	test('the JSON option is merged and checked; unknown keys pass through for newer servers', () => {
		const spec = buildRequest(setPreferences, {
			preferences: { useEmojis: true, preferencesJson: '{"sendOnEnter": "desktop", "mentionsWithSymbol": true, "highlights": ["x"]}' },
		});
		expect(spec.body!.data).toEqual({ useEmojis: true, sendOnEnter: 'desktop', mentionsWithSymbol: true, highlights: ['x'] });
		expect(buildRequest(setPreferences, { preferences: { preferencesJson: { clockMode: 1 } } }).body!.data).toEqual({ clockMode: 1 });
	});

	test('the JSON field lives inside the Preferences collection (no open-ended top-level JSON)', () => {
		expect(setPreferences.description.filter((field) => field.type === 'json')).toEqual([]);
		expect(collectionOptions.find((field) => field.name === 'preferencesJson')).toMatchObject({ type: 'json', default: '{}' });
	});

	test.each([
		[{}, 'Preferences (item 2): add at least one preference'],
		[{ preferences: { preferencesJson: '{}' } }, 'Preferences (item 2): add at least one preference'],
		[{ preferences: { useEmojis: 'yes' } }, 'Preferences → Use Emojis (item 2): expected true or false, got "yes"'],
		[{ preferences: { clockMode: 7 } }, 'Preferences → Clock Mode (item 2): expected one of 0, 1, 2, got 7'],
		[{ preferences: { idleTimeLimit: 1.5 } }, 'Preferences → Idle Time Limit (Seconds) (item 2): expected a whole number, got 1.5'],
		[{ preferences: { masterVolume: 'loud' } }, 'Preferences → Master Volume (item 2): expected a number, got "loud"'],
		[{ preferences: { sidebarViewMode: 'huge' } }, 'Preferences → Sidebar View Mode (item 2): expected one of condensed, extended, medium, got "huge"'],
		[{ preferences: { language: { a: 1 } } }, 'Preferences → Language (item 2): expected text'],
		[
			{ preferences: { dontAskAgainList: { entries: [{ action: '', label: 'x' }] } } },
			"Preferences → Don't Ask Again List (item 2): expected a list of {\"action\", \"label\"} objects with text values",
		],
		[{ preferences: { preferencesJson: '{nope' } }, 'Preferences → Additional Preferences (JSON) (item 2): invalid JSON'],
		[{ preferences: { preferencesJson: '[]' } }, 'Preferences → Additional Preferences (JSON) (item 2): expected a JSON object'],
		[{ preferences: { preferencesJson: '{"useEmojis": "yes"}' } }, 'Preferences → Additional Preferences (JSON) (item 2): "useEmojis" expected true or false, got "yes"'],
		[{ preferences: { preferencesJson: '{"highlights": [1]}' } }, 'Preferences → Additional Preferences (JSON) (item 2): "highlights" expected a list of words'],
		[{ preferences: { preferencesJson: '{"dontAskAgainList": "x"}' } }, 'Preferences → Additional Preferences (JSON) (item 2): "dontAskAgainList" expected a list of'],
		[
			{ preferences: { useEmojis: true, preferencesJson: '{"useEmojis": false}' } },
			'Preferences → Additional Preferences (JSON) (item 2): "useEmojis" is also set as its own field; set it in one place only',
		],
	])('bad input %j names the field and item', (values, message) => {
		expect(() => buildRequest(setPreferences, values, { itemIndex: 2 })).toThrow(message);
	});

	test('the JSON field does not restrict option values (the server decides)', () => {
		expect(buildRequest(setPreferences, { preferences: { preferencesJson: '{"clockMode": 3}' } }).body!.data).toEqual({ clockMode: 3 });
	});

	describe('fields', () => {
		test('every field has a checked type and every checked key a field', () => {
			expect(preferenceFields.map((field) => field.name).sort()).toEqual(Object.keys(PREFERENCE_KINDS).sort());
		});

		test('types match the checks: booleans, numbers, options, lists', () => {
			for (const field of preferenceFields) {
				const kind = PREFERENCE_KINDS[field.name];
				if (kind === 'boolean') expect([field.name, field.type]).toEqual([field.name, 'boolean']);
				if (kind === 'number') expect([field.name, field.type]).toEqual([field.name, 'number']);
				if (kind === 'integer') expect([field.name, ['number', 'options'].includes(field.type)]).toEqual([field.name, true]);
				if (kind === 'stringList') expect(field.type).toBe('string');
				if (kind === 'dontAskAgainList') expect(field.type).toBe('fixedCollection');
			}
		});

		test('n8n conventions: sorted, "Whether" booleans, defaults among the options', () => {
			const names = collectionOptions.map((field) => field.displayName);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(collection).toMatchObject({ placeholder: 'Add Field', default: {} });
			for (const field of preferenceFields) {
				if (field.type === 'boolean') expect(field.description).toMatch(/^Whether /);
				if (field.type === 'options') {
					const options = field.options as INodePropertyOptions[];
					const optionNames = options.map((option) => option.name);
					expect(optionNames).toEqual([...optionNames].sort((a, b) => a.localeCompare(b)));
					expect(options.map((option) => option.value)).toContain(field.default);
				}
			}
		});

		(specProperties ? test : test.skip)('cover exactly the keys of the official spec, with its types', () => {
			expect(Object.keys(PREFERENCE_KINDS).sort()).toEqual(Object.keys(specProperties!).sort());
			const kindOf = (schema: { type: string; items?: { type?: string } }) =>
				schema.type === 'array' ? (schema.items?.type === 'string' ? 'stringList' : 'dontAskAgainList') : schema.type;
			for (const [key, schema] of Object.entries(specProperties!)) {
				expect([key, PREFERENCE_KINDS[key]]).toEqual([key, kindOf(schema)]);
			}
		});
	});

	(contract ? test : test.skip)(`valid against the official OpenAPI${contract ? '' : ` (skipped: ${openApiSkipReason})`}`, () => {
		const every = Object.fromEntries(
			preferenceFields.map((field) => {
				if (field.name === 'highlights') return [field.name, 'a, b'];
				if (field.name === 'dontAskAgainList') return [field.name, { entries: [{ action: 'hideRoom', label: 'Hide' }] }];
				if (field.name === 'fontSize') return [field.name, '100%'];
				if (field.name === 'language') return [field.name, 'en'];
				return [field.name, field.default];
			}),
		);
		const specs = [
			buildRequest(setPreferences, { preferences: every }),
			buildRequest(setPreferences, { user: userRef('id', 'u1'), preferences: { useEmojis: true } }),
		];
		for (const spec of specs) expect(contract!.validateRequest(toContractRequest(spec))).toEqual([]);
	});
});
