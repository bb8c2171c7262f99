import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeHelpers, type INode, type INodeProperties, type INodePropertyOptions, type INodeType } from 'n8n-workflow';
import { deviceManagementDescription } from '../../nodes/RocketChat/actions/deviceManagement';
import { userDescription } from '../../nodes/RocketChat/actions/user';
import { RocketChat } from '../../nodes/RocketChat/RocketChat.node';

/**
 * What each operation does to the workspace, by its endpoint's semantics (Rocket.Chat's REST API reads with GET
 * and acts with POST, with one exception: users.requestDataDownload is a GET that starts an export).
 * As a tool, each operation is described to the model (AI Agent, MCP Server Trigger) by its Tool Description
 * field (actions/toolDescription.ts), so that text must tell a model whether calling it changes anything; the
 * action stays a short name for the node panel and the canvas, as n8n's own nodes write it.
 */
const EFFECTS: Record<string, Record<string, { method: 'GET' | 'POST'; effect: 'read' | 'act' }>> = {
	'Device Management': {
		getAll: { method: 'GET', effect: 'read' },
		getManyOwn: { method: 'GET', effect: 'read' },
		getOwn: { method: 'GET', effect: 'read' },
		get: { method: 'GET', effect: 'read' },
		logoutOwn: { method: 'POST', effect: 'act' },
		logout: { method: 'POST', effect: 'act' },
	},
	User: {
		autocomplete: { method: 'GET', effect: 'read' },
		checkUsernameAvailability: { method: 'GET', effect: 'read' },
		create: { method: 'POST', effect: 'act' },
		createOrUpdate: { method: 'POST', effect: 'act' },
		createToken: { method: 'POST', effect: 'act' },
		deactivateIdleUsers: { method: 'POST', effect: 'act' },
		delete: { method: 'POST', effect: 'act' },
		deleteOwnAccount: { method: 'POST', effect: 'act' },
		disable2faEmail: { method: 'POST', effect: 'act' },
		enable2faEmail: { method: 'POST', effect: 'act' },
		forgotPassword: { method: 'POST', effect: 'act' },
		generatePersonalAccessToken: { method: 'POST', effect: 'act' },
		get: { method: 'GET', effect: 'read' },
		getAvatar: { method: 'GET', effect: 'read' },
		getAll: { method: 'GET', effect: 'read' },
		getManyByStatus: { method: 'GET', effect: 'read' },
		getManyPresences: { method: 'GET', effect: 'read' },
		getPersonalAccessTokens: { method: 'GET', effect: 'read' },
		getPreferences: { method: 'GET', effect: 'read' },
		getPresence: { method: 'GET', effect: 'read' },
		getStatus: { method: 'GET', effect: 'read' },
		getTeams: { method: 'GET', effect: 'read' },
		getTotpCodesRemaining: { method: 'GET', effect: 'read' },
		getUserAvatar: { method: 'GET', effect: 'read' },
		getUsernameSuggestion: { method: 'GET', effect: 'read' },
		logout: { method: 'POST', effect: 'act' },
		logoutOtherClients: { method: 'POST', effect: 'act' },
		previewIdleUsers: { method: 'GET', effect: 'read' },
		regeneratePersonalAccessToken: { method: 'POST', effect: 'act' },
		register: { method: 'POST', effect: 'act' },
		removeOtherTokens: { method: 'POST', effect: 'act' },
		removePersonalAccessToken: { method: 'POST', effect: 'act' },
		report: { method: 'POST', effect: 'act' },
		requestDataDownload: { method: 'GET', effect: 'act' },
		resetAvatar: { method: 'POST', effect: 'act' },
		resetE2eKey: { method: 'POST', effect: 'act' },
		resetTotp: { method: 'POST', effect: 'act' },
		send2faEmailCode: { method: 'POST', effect: 'act' },
		sendWelcomeEmail: { method: 'POST', effect: 'act' },
		setActiveStatus: { method: 'POST', effect: 'act' },
		setAvatar: { method: 'POST', effect: 'act' },
		setPreferences: { method: 'POST', effect: 'act' },
		setStatus: { method: 'POST', effect: 'act' },
		update: { method: 'POST', effect: 'act' },
		updateOwnBasicInfo: { method: 'POST', effect: 'act' },
	},
};

/** The only GET that acts; anything else must follow the method. */
const GET_THAT_ACTS = new Set(['requestDataDownload']);
/** Operations that only send an e-mail; the other acting ones change data. */
const SENDS_EMAIL = new Set(['forgotPassword', 'send2faEmailCode', 'sendWelcomeEmail']);

/** Words that would make a model believe a read-only tool acts. */
const ACTING_VERBS = /\b(deactivate[sd]?|delete[sd]?|remove[sd]?|create[sd]?|update[sd]?|set|reset|log out|end|send[s]?)\b/i;
const OWN_ACCOUNT = 'the account of the n8n credential';
/** The noun each resource's actions name (n8n: "Get many contacts", "Send message"). */
const RESOURCE_NOUN: Record<string, RegExp> = { User: /\b(users?|usernames?)\b/, 'Device Management': /\bsessions?\b/ };

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
function readmeMethod(resource: string, name: string): string | undefined {
	for (const line of readme.split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		if (cells[1] === resource && cells[2] === name) return /`(GET|POST) /.exec(cells[3])?.[1];
	}
	return undefined;
}

/** The node as n8n's loader turns it into "Rocket.Chat Tool" (name + "Tool" is what `@tool` display options test). */
const node = new RocketChat();
const toolType = { description: { ...node.description, name: `${node.description.name}Tool`, displayName: 'Rocket.Chat Tool' } } as INodeType;
const toolProperties = node.description.properties.filter((property) => property.name === 'toolDescription');

/** The parameters n8n resolves for a tool node (defaults filled in, as the workflow does before a run). */
function resolvedToolNode(parameters: Record<string, unknown>): INode {
	const stored = { id: '1', name: 'tool', type: 'n8n-nodes-rocketchat.rocketChatTool', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	const resolved = NodeHelpers.getNodeParameters(toolType.description.properties, stored.parameters as never, true, false, stored as INode, toolType.description);
	return { ...stored, parameters: resolved ?? {} } as INode;
}

describe.each([
	['User', 'user', userDescription],
	['Device Management', 'deviceManagement', deviceManagementDescription],
] as const)('%s: actions and tool descriptions', (resource, resourceValue, description) => {
	const options = description[0].options as INodePropertyOptions[];
	const effects = EFFECTS[resource];
	const toolText = (operation: string): string | undefined => {
		const matching = toolProperties.filter(
			(property: INodeProperties) =>
				property.displayOptions?.show?.resource?.includes(resourceValue) && property.displayOptions.show.operation?.includes(operation),
		);
		return matching.length === 1 ? String(matching[0].default) : undefined;
	};

	test('every operation is classified, by its method', () => {
		expect(options.map((option) => String(option.value)).sort()).toEqual(Object.keys(effects).sort());
		for (const option of options) {
			const { method, effect } = effects[String(option.value)];
			expect([option.name, readmeMethod(resource, option.name)]).toEqual([option.name, method]);
			const expected = method === 'GET' && !GET_THAT_ACTS.has(String(option.value)) ? 'read' : 'act';
			expect([option.name, effect]).toEqual([option.name, expected]);
		}
	});

	test.each(options.map((option) => [option.name, option] as const))('%s: the action is a short name as n8n writes it', (_name, option) => {
		const action = String(option.action);
		// Sentence case (words in capitals such as 2FA, E2E, TOTP aside), no article, no dash, no effect prefix.
		const rest = action.split(' ').slice(1).filter((word) => word !== word.toUpperCase());
		expect([action, rest.filter((word) => word !== word.toLowerCase())]).toEqual([action, []]);
		expect(action[0]).toBe(action[0].toUpperCase());
		expect(action).not.toMatch(/\b(a|an|the)\b/i);
		expect(action).not.toMatch(/—|Read only|Changes data|Sends e-?mail/i);
		expect(action).toMatch(RESOURCE_NOUN[resource]);
		if (option.value === 'getAll') expect(action).toMatch(/^Get many /);
		// Consistent with the dropdown: every word of the operation's name is in its action.
		for (const word of option.name.toLowerCase().split(' ')) expect([action, word, action.toLowerCase().split(' ').includes(word)]).toEqual([action, word, true]);
	});

	test('actions are unique (n8n names a node added from the panel after its action)', () => {
		const actions = options.map((option) => option.action);
		expect(new Set(actions).size).toBe(actions.length);
	});

	test.each(options.map((option) => [option.name, option] as const))('%s: its tool description says whether it changes anything', (_name, option) => {
		const value = String(option.value);
		const { effect } = effects[value];
		const text = toolText(value);
		expect(text).toBeDefined(); // one Tool Description field per operation (actions/toolDescription.ts)
		const tool = String(text);
		// 2.41 evaluates a value starting with "=" as an expression; braces would read as one.
		expect(tool.startsWith('=')).toBe(false);
		expect(tool).not.toMatch(/[{}]/);
		expect(tool.length).toBeLessThan(300);
		if (effect === 'read') {
			expect(tool.startsWith('Read only: ')).toBe(true);
			// "would be deactivated" (Preview Idle Users) describes, it does not act.
			expect(tool.slice('Read only: '.length).replace(/\bwould (be )?\w+|deactivates nobody/g, '')).not.toMatch(ACTING_VERBS);
			expect(String(option.description)).toContain('changes nothing');
		} else {
			expect(tool.startsWith(SENDS_EMAIL.has(value) ? 'Sends e-mail: ' : 'Changes data: ')).toBe(true);
			expect(tool.toLowerCase()).not.toContain('read only');
			expect(String(option.description)).not.toContain('changes nothing');
		}
	});

	test.each(options.filter((option) => /\bown\b|credential/i.test(`${option.name} ${option.description}`)).map((option) => [option.name, option] as const))(
		'%s: an "own" operation names the account it acts on',
		(_name, option) => {
			expect(toolText(String(option.value))).toContain(OWN_ACCOUNT);
			expect(String(option.description)).toContain(OWN_ACCOUNT);
		},
	);

	test.each(options.map((option) => [option.name, String(option.value)] as const))('%s: n8n gives the model this text, and an edited one instead', (_name, operation) => {
		const untouched = resolvedToolNode({ resource: resourceValue, operation });
		expect(untouched.parameters.toolDescription).toBe(toolText(operation));
		expect(NodeHelpers.getToolDescriptionForNode(untouched, toolType)).toBe(toolText(operation));
		const edited = resolvedToolNode({ resource: resourceValue, operation, toolDescription: 'Read only: my own words.' });
		expect(NodeHelpers.getToolDescriptionForNode(edited, toolType)).toBe('Read only: my own words.');
	});
});

test('Data to Send is not offered to an AI agent: the tool fills name, e-mail and username itself', () => {
	for (const operation of ['create', 'createOrUpdate']) {
		const asTool = resolvedToolNode({ resource: 'user', operation, email: 'ann@example.com' });
		expect(asTool.parameters).not.toHaveProperty('dataToSend');
		expect(asTool.parameters).toMatchObject({ email: 'ann@example.com', username: '', name: '' });
		// Set in the JSON by hand, it is dropped: the tool never auto-maps.
		expect(resolvedToolNode({ resource: 'user', operation, dataToSend: 'autoMapInputData' }).parameters).not.toHaveProperty('dataToSend');
		const defineBelow = NodeHelpers.getNodeParameters(node.description.properties, { resource: 'user', operation }, true, false, null, node.description);
		expect(defineBelow).toMatchObject({ dataToSend: 'defineBelow', email: '', username: '', name: '' });
		const plain = NodeHelpers.getNodeParameters(node.description.properties, { resource: 'user', operation, dataToSend: 'autoMapInputData' }, true, false, null, node.description);
		expect(plain).toMatchObject({ dataToSend: 'autoMapInputData' });
		expect(plain).not.toHaveProperty('email');
	}
});

describe('the Tool Description field', () => {
	test('shows only in the tool variant, so the plain node has no such parameter', () => {
		for (const property of toolProperties) expect(property.displayOptions?.show?.['@tool']).toEqual([true]);
		const plain = NodeHelpers.getNodeParameters(node.description.properties, { resource: 'user', operation: 'get' }, true, false, null, node.description);
		expect(plain).not.toHaveProperty('toolDescription');
	});

	test("n8n's loader keeps the node's own field and adds no Set Automatically switch", () => {
		// convertNodeToAiTool (2.x ai-tools.ts, 1.x load-nodes-and-credentials.ts) adds descriptionType and its own
		// toolDescription only when no property of that name exists.
		expect(node.description.properties.some((property) => property.name === 'descriptionType')).toBe(false);
		expect(toolProperties.length).toBe(
			(userDescription[0].options as INodePropertyOptions[]).length + (deviceManagementDescription[0].options as INodePropertyOptions[]).length,
		);
	});

	test('a workflow saved with n8n\'s old "Set Automatically" value still gets the operation\'s text', () => {
		// The example workflows stored descriptionType "auto"; n8n drops parameters the node does not define.
		const resolved = resolvedToolNode({ resource: 'user', operation: 'getAll', descriptionType: 'auto' });
		expect(resolved.parameters).not.toHaveProperty('descriptionType');
		expect(NodeHelpers.getToolDescriptionForNode(resolved, toolType)).toMatch(/^Read only: get many Rocket\.Chat users/);
	});
});
