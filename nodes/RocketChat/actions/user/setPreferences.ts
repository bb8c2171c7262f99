import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { forOperation, type Operation } from '../operation';
import type { Parameters } from '../parameters';
import { userLocator } from '../shared/fields';

type Kind = 'boolean' | 'integer' | 'number' | 'string' | 'stringList' | 'dontAskAgainList';

/**
 * The keys of `data` in the official spec (U39), with the types the server validates. Keys missing here
 * (added by newer servers) can still be sent through the Additional Preferences (JSON) option; they are
 * passed on unchecked.
 */
export const PREFERENCE_KINDS: Record<string, Kind> = {
	alsoSendThreadToChannel: 'string',
	autoImageLoad: 'boolean',
	clockMode: 'integer',
	collapseMediaByDefault: 'boolean',
	convertAsciiEmoji: 'boolean',
	desktopNotificationRequireInteraction: 'boolean',
	desktopNotifications: 'string',
	displayAvatars: 'boolean',
	dontAskAgainList: 'dontAskAgainList',
	emailNotificationMode: 'string',
	enableAutoAway: 'boolean',
	enableMobileRinging: 'boolean',
	fontSize: 'string',
	hideFlexTab: 'boolean',
	hideRoles: 'boolean',
	hideUsernames: 'boolean',
	highlights: 'stringList',
	idleTimeLimit: 'integer',
	language: 'string',
	masterVolume: 'number',
	messageViewMode: 'integer',
	muteFocusedConversations: 'boolean',
	newMessageNotification: 'string',
	newRoomNotification: 'string',
	notificationsSoundVolume: 'integer',
	notifyCalendarEvents: 'boolean',
	omnichannelHideConversationAfterClosing: 'boolean',
	omnichannelTranscriptEmail: 'boolean',
	omnichannelTranscriptPDF: 'boolean',
	pushNotifications: 'string',
	receiveLoginDetectionEmail: 'boolean',
	saveMobileBandwidth: 'boolean',
	sendOnEnter: 'string',
	showThreadsInMainChannel: 'boolean',
	sidebarDisplayAvatar: 'boolean',
	sidebarGroupByType: 'boolean',
	sidebarShowFavorites: 'boolean',
	sidebarShowUnread: 'boolean',
	sidebarSortby: 'string',
	sidebarViewMode: 'string',
	themeAppearence: 'string',
	unreadAlert: 'boolean',
	useEmojis: 'boolean',
	utcOffset: 'number',
};

const notificationOptions = [
	{ name: 'All Messages', value: 'all' },
	{ name: 'Default', value: 'default', description: 'Use the default of the workspace' },
	{ name: 'Mentions', value: 'mentions' },
	{ name: 'Nothing', value: 'nothing' },
];

/** Inside the collection, not a top-level field: n8n's community rules reject open-ended top-level JSON. */
const ADDITIONAL_JSON = 'preferencesJson';

const preferenceOptions: INodeProperties[] = [
	{
		displayName: 'Additional Preferences (JSON)',
		name: ADDITIONAL_JSON,
		type: 'json',
		default: '{}',
		description:
			'More preferences as a JSON object, e.g. for keys added by newer Rocket.Chat versions. Merged with the other fields; a key may only be set in one place.',
	},
	{
		displayName: 'Also Send Thread Replies to Channel',
		name: 'alsoSendThreadToChannel',
		type: 'options',
		options: [
			{ name: 'Always', value: 'always' },
			{ name: 'Default', value: 'default', description: 'As the workspace administrator set it' },
			{ name: 'Never', value: 'never' },
		],
		default: 'default',
		description: 'Whether replies in a thread are also sent to the room',
	},
	{
		displayName: 'Auto Image Load',
		name: 'autoImageLoad',
		type: 'boolean',
		default: false,
		description: 'Whether to load images automatically',
	},
	{
		displayName: 'Clock Mode',
		name: 'clockMode',
		type: 'options',
		options: [
			{ name: '12-Hour Clock', value: 1 },
			{ name: '24-Hour Clock', value: 2 },
			{ name: 'System Default', value: 0 },
		],
		default: 0,
		description: 'How times are shown',
	},
	{
		displayName: 'Collapse Media by Default',
		name: 'collapseMediaByDefault',
		type: 'boolean',
		default: false,
		description: 'Whether to collapse images, videos and other media by default',
	},
	{
		displayName: 'Convert ASCII to Emoji',
		name: 'convertAsciiEmoji',
		type: 'boolean',
		default: false,
		description: 'Whether to convert ASCII smileys such as :) to emoji',
	},
	{
		displayName: 'Desktop Notifications',
		name: 'desktopNotifications',
		type: 'options',
		options: notificationOptions,
		default: 'default',
		description: 'Which messages trigger desktop notifications',
	},
	{
		displayName: 'Desktop Notifications Require Interaction',
		name: 'desktopNotificationRequireInteraction',
		type: 'boolean',
		default: false,
		description: 'Whether desktop notifications stay until they are clicked or closed',
	},
	{
		displayName: 'Display Avatars',
		name: 'displayAvatars',
		type: 'boolean',
		default: false,
		description: 'Whether to show user avatars in messages',
	},
	{
		displayName: "Don't Ask Again List",
		name: 'dontAskAgainList',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Entry',
		default: {},
		description: 'Warnings the user chose not to see again, e.g. action "hideRoom" with label "Hide"',
		options: [
			{
				displayName: 'Entry',
				name: 'entries',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'string',
						default: '',
						placeholder: 'e.g. hideRoom',
					},
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Hide',
					},
				],
			},
		],
	},
	{
		displayName: 'Email Notification Mode',
		name: 'emailNotificationMode',
		type: 'options',
		options: [
			{ name: 'All Messages', value: 'all' },
			{ name: 'Mentions', value: 'mentions' },
			{ name: 'Nothing', value: 'nothing' },
		],
		default: 'mentions',
		description: 'Which messages are sent by e-mail',
	},
	{
		displayName: 'Enable Auto Away',
		name: 'enableAutoAway',
		type: 'boolean',
		default: false,
		description: 'Whether the status changes to away after the idle time limit',
	},
	{
		displayName: 'Enable Mobile Ringing',
		name: 'enableMobileRinging',
		type: 'boolean',
		default: false,
		description: 'Whether calls ring on mobile devices (Rocket.Chat voice)',
	},
	{
		displayName: 'Font Size',
		name: 'fontSize',
		type: 'string',
		default: '',
		placeholder: 'e.g. 100%',
		description:
			'Font size of the web client. Current servers use percentages (100%, 110%, 120%, 133%, 150%, 170%, 200%); the official docs list small, medium and large.',
	},
	{
		displayName: 'Hide Flex Tab',
		name: 'hideFlexTab',
		type: 'boolean',
		default: false,
		description: 'Whether to close the contextual bar on the right when clicking outside it',
	},
	{
		displayName: 'Hide Roles',
		name: 'hideRoles',
		type: 'boolean',
		default: false,
		description: 'Whether to hide user roles in messages',
	},
	{
		displayName: 'Hide Usernames',
		name: 'hideUsernames',
		type: 'boolean',
		default: false,
		description: 'Whether to hide usernames in messages',
	},
	{
		displayName: 'Highlights',
		name: 'highlights',
		type: 'string',
		default: '',
		placeholder: 'e.g. deploy, docker',
		description:
			'Comma-separated words or phrases that notify the user like a mention. Not case-sensitive. Replaces the current list.',
	},
	{
		displayName: 'Idle Time Limit (Seconds)',
		name: 'idleTimeLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description: 'Idle time after which the status changes to away',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: 'Language code of the user interface',
	},
	{
		displayName: 'Master Volume',
		name: 'masterVolume',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 100,
		description: 'Volume of all sounds, from 0 to 100',
	},
	{
		displayName: 'Message View Mode',
		name: 'messageViewMode',
		type: 'options',
		options: [
			{ name: 'Compact', value: 2 },
			{ name: 'Cozy', value: 1 },
			{ name: 'Normal', value: 0 },
		],
		default: 0,
		description: 'How dense the message list is',
	},
	{
		displayName: 'Mute Focused Conversations',
		name: 'muteFocusedConversations',
		type: 'boolean',
		default: false,
		description: 'Whether open and active rooms play no notification sounds',
	},
	{
		displayName: 'New Message Notification Sound',
		name: 'newMessageNotification',
		type: 'string',
		default: 'chime',
		placeholder: 'e.g. chime',
		description: 'ID of the sound for new messages, e.g. chime, door, beep or none (custom sounds have their own IDs)',
	},
	{
		displayName: 'New Room Notification Sound',
		name: 'newRoomNotification',
		type: 'string',
		default: 'door',
		placeholder: 'e.g. door',
		description: 'ID of the sound for new rooms, e.g. door, chime, beep or none (custom sounds have their own IDs)',
	},
	{
		displayName: 'Notifications Sound Volume',
		name: 'notificationsSoundVolume',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 100,
		description: 'Volume of notification sounds, from 0 to 100',
	},
	{
		displayName: 'Notify Calendar Events',
		name: 'notifyCalendarEvents',
		type: 'boolean',
		default: false,
		description: 'Whether to notify about calendar events (Outlook calendar integration)',
	},
	{
		displayName: 'Omnichannel Hide Conversation After Closing',
		name: 'omnichannelHideConversationAfterClosing',
		type: 'boolean',
		default: false,
		description: 'Whether agents go back to the home page after closing a conversation',
	},
	{
		displayName: 'Omnichannel Transcript Email',
		name: 'omnichannelTranscriptEmail',
		type: 'boolean',
		default: false,
		description: 'Whether to always e-mail the transcript to the contact when a conversation ends',
	},
	{
		displayName: 'Omnichannel Transcript PDF',
		name: 'omnichannelTranscriptPDF',
		type: 'boolean',
		default: false,
		description: 'Whether to always export the transcript as PDF when a conversation ends',
	},
	{
		displayName: 'Push Notifications',
		name: 'pushNotifications',
		type: 'options',
		options: notificationOptions,
		default: 'default',
		description: 'Which messages trigger push notifications on mobile devices',
	},
	{
		displayName: 'Receive Login Detection Email',
		name: 'receiveLoginDetectionEmail',
		type: 'boolean',
		default: false,
		description: 'Whether to get an e-mail on every new login to the account',
	},
	{
		displayName: 'Save Mobile Bandwidth',
		name: 'saveMobileBandwidth',
		type: 'boolean',
		default: false,
		description: 'Whether to save bandwidth on mobile devices',
	},
	{
		displayName: 'Send on Enter',
		name: 'sendOnEnter',
		type: 'options',
		options: [
			{ name: 'Alternative', value: 'alternative', description: 'Send with Enter plus Ctrl, Alt, Shift or Cmd' },
			{ name: 'Desktop Only', value: 'desktop', description: 'Send with Enter on desktop only' },
			{ name: 'Normal', value: 'normal', description: 'Send with Enter' },
		],
		default: 'normal',
		description: 'How the Enter key sends messages',
	},
	{
		displayName: 'Show Threads in Main Channel',
		name: 'showThreadsInMainChannel',
		type: 'boolean',
		default: false,
		description: 'Whether all thread replies are also shown in the room itself',
	},
	{
		displayName: 'Sidebar Display Avatar',
		name: 'sidebarDisplayAvatar',
		type: 'boolean',
		default: false,
		description: 'Whether to show avatars in the sidebar',
	},
	{
		displayName: 'Sidebar Group by Type',
		name: 'sidebarGroupByType',
		type: 'boolean',
		default: false,
		description: 'Whether to group rooms by type in the sidebar',
	},
	{
		displayName: 'Sidebar Show Favorites',
		name: 'sidebarShowFavorites',
		type: 'boolean',
		default: false,
		description: 'Whether to show favorites in their own group in the sidebar',
	},
	{
		displayName: 'Sidebar Show Unread',
		name: 'sidebarShowUnread',
		type: 'boolean',
		default: false,
		description: 'Whether to show unread rooms in their own group in the sidebar',
	},
	{
		displayName: 'Sidebar Sort By',
		name: 'sidebarSortby',
		type: 'options',
		options: [
			{ name: 'Activity', value: 'activity' },
			{ name: 'Alphabetical', value: 'alphabetical' },
		],
		default: 'activity',
		description: 'How rooms are sorted in the sidebar',
	},
	{
		displayName: 'Sidebar View Mode',
		name: 'sidebarViewMode',
		type: 'options',
		options: [
			{ name: 'Condensed', value: 'condensed' },
			{ name: 'Extended', value: 'extended' },
			{ name: 'Medium', value: 'medium' },
		],
		default: 'medium',
		description: 'How much each room in the sidebar shows',
	},
	{
		displayName: 'Theme',
		name: 'themeAppearence',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Follow the system setting' },
			{ name: 'Dark', value: 'dark' },
			{ name: 'High Contrast', value: 'high-contrast' },
			{ name: 'Light', value: 'light' },
		],
		default: 'auto',
		description: 'Color theme of the user interface',
	},
	{
		displayName: 'Unread Alert',
		name: 'unreadAlert',
		type: 'boolean',
		default: false,
		description: 'Whether to show an alert for unread messages',
	},
	{
		displayName: 'Use Emojis',
		name: 'useEmojis',
		type: 'boolean',
		default: false,
		description: 'Whether to use emojis',
	},
	{
		displayName: 'UTC Offset (Hours)',
		name: 'utcOffset',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		description: 'Time zone of the user as hours from UTC, e.g. -3 or 5.5 (Rocket.Chat 8.6 and later)',
	},
];

const properties: INodeProperties[] = [
	userLocator('user', 'User', {
		required: false,
		byUsername: false,
		description:
			'The user whose preferences to change. Leave empty for the credential user. Other users need the edit-other-user-info permission.',
	}),
	{
		displayName: 'Preferences',
		name: 'preferences',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: preferenceOptions,
	},
];

export const description = forOperation('user', 'setPreferences', properties);

export const toolDescription =
	'Changes data: change the preferences of a Rocket.Chat user, or of the account of the n8n credential when no user is given.';

const choices = new Map<string, Array<string | number>>(
	preferenceOptions
		.filter((option) => option.type === 'options')
		.map((option) => [option.name, (option.options ?? []).map((choice) => (choice as { value: string | number }).value)]),
);

/**
 * Checks one value against the type the server expects. `field` is the parameter the error names;
 * values typed in the Preferences fields are also checked against the offered choices.
 */
function preferenceValue(p: Parameters, key: string, value: unknown, field: string): IDataObject[string] {
	const kind = PREFERENCE_KINDS[key];
	const where = field === key ? '' : `"${key}" `;
	const wrong = (expected: string): never =>
		p.fail(field, `${where}expected ${expected}, got ${JSON.stringify(value)}`);
	switch (kind) {
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return wrong('true or false');
		case 'integer':
		case 'number': {
			const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) return wrong('a number');
			if (kind === 'integer' && !Number.isInteger(number)) return wrong('a whole number');
			const allowed = field === key ? choices.get(key) : undefined;
			if (allowed && !allowed.includes(number)) return wrong(`one of ${[...allowed].sort().join(', ')}`);
			return number;
		}
		case 'string': {
			if (typeof value !== 'string' && typeof value !== 'number') return wrong('text');
			const text = String(value).trim();
			const allowed = field === key ? choices.get(key) : undefined;
			if (allowed && !allowed.includes(text)) return wrong(`one of ${allowed.join(', ')}`);
			return text;
		}
		case 'stringList':
			if (Array.isArray(value) && value.some((entry) => typeof entry !== 'string')) return wrong('a list of words');
			return p.toList(value, field);
		case 'dontAskAgainList': {
			const entries = field === key && value && typeof value === 'object' && !Array.isArray(value)
				? (value as IDataObject).entries ?? []
				: value;
			if (!Array.isArray(entries)) return wrong('a list of {"action", "label"} objects');
			return entries.map((entry) => {
				const { action, label } = (entry ?? {}) as IDataObject;
				if (typeof action !== 'string' || typeof label !== 'string' || action.trim() === '') {
					return wrong('a list of {"action", "label"} objects with text values');
				}
				return { action: action.trim(), label };
			});
		}
		default:
			// Unknown keys only come from the JSON field: newer servers may know them.
			return value as IDataObject[string];
	}
}

export const build: Operation['build'] = (p) => {
	const data: IDataObject = {};
	const { [ADDITIONAL_JSON]: additional, ...fields } = p.collection('preferences');
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		data[key] = preferenceValue(p, key, value, key);
	}
	const extra = p.parseJsonObject(additional, ADDITIONAL_JSON) ?? {};
	for (const [key, value] of Object.entries(extra)) {
		if (key in data) p.fail(ADDITIONAL_JSON, `"${key}" is also set as its own field; set it in one place only`);
		data[key] = preferenceValue(p, key, value, ADDITIONAL_JSON);
	}
	if (Object.keys(data).length === 0) {
		p.fail('preferences', 'add at least one preference (a field or Additional Preferences (JSON))');
	}

	// The server schema allows only `userId` next to `data` (no `username`).
	const userId = p.optionalUser('user') ? p.userId('user') : undefined;
	return {
		method: 'POST',
		path: '/api/v1/users.setPreferences',
		body: { ...(userId ? { userId } : {}), data },
		...(userId ? { permission: 'edit-other-user-info' } : {}),
		output: { key: 'user' },
	};
};
