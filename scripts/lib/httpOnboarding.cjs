'use strict';
/**
 * The reference of the CPU comparisons (npm run bench, npm run test:queue): examples/onboarding.json doing the same
 * job with n8n's HTTP Request nodes instead of the Rocket.Chat node. Its trigger, New Hires and Split Out nodes stay
 * as the caller passes them; the Rocket.Chat nodes and their "Only New Accounts" Filter become what a user of HTTP
 * Request would build: look the hire up by e-mail (a missing user is an answer, not an error), go on only when
 * nobody has that e-mail (else re-running the workflow would fail at Create), create, set the avatar, the
 * preferences, send the welcome e-mail. With `headerCredential` (the equivalent of the node's workflow, which keeps
 * its token in a credential) the nodes send the admin's token from n8n's Custom Auth credential, each reading it when
 * it runs, as each Rocket.Chat node reads its own; without it the token is typed into every node's headers, as the
 * quickest such workflow does (readable by anyone who opens or exports it), and no credential is read.
 *
 * CommonJS so that both the bench (TypeScript, CommonJS) and test:queue (ESM) can load it.
 */

const HTTP_NODE_TYPE = 'n8n-nodes-base.httpRequest';
const PERSON = "$('One Item per Hire').item.json";
const CREATED = "$('Create').item.json.user._id";

/**
 * @param {{ nodes: object[], connections: object, [key: string]: unknown }} onboarding examples/onboarding.json, its
 *   trigger and New Hires adapted by the caller
 * @param {{ url: string, userId: string, authToken: string, headerCredential?: { id: string, name: string } }} server
 *   the simulator and the admin's token; `headerCredential`: a stored Custom Auth credential holding the same headers
 */
function httpOnboardingWorkflow(onboarding, server) {
	const headers = { parameters: [{ name: 'X-User-Id', value: server.userId }, { name: 'X-Auth-Token', value: server.authToken }] };
	const authentication = server.headerCredential
		? { authentication: 'genericCredentialType', genericAuthType: 'httpCustomAuth' }
		: { sendHeaders: true, headerParameters: headers };
	const call = (name, method, route, body, extra = {}) => ({
		id: `http-${name.toLowerCase().replace(/\W+/g, '-')}`,
		name,
		type: HTTP_NODE_TYPE,
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {
			method,
			url: `${server.url}/api/v1/${route}`,
			...authentication,
			...(body ? { sendBody: true, specifyBody: 'json', jsonBody: `={{ JSON.stringify(${body}) }}` } : {}),
			options: {},
			...extra,
		},
		...(server.headerCredential ? { credentials: { httpCustomAuth: server.headerCredential } } : {}),
	});
	const onlyNewAccounts = {
		id: 'http-only-new-accounts',
		name: 'Only New Accounts',
		type: 'n8n-nodes-base.filter',
		typeVersion: 2,
		position: [0, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [{ id: 'n1', leftValue: '={{ $json.success }}', rightValue: '', operator: { type: 'boolean', operation: 'false', singleValue: true } }],
				combinator: 'and',
			},
			options: {},
		},
	};
	const kept = onboarding.nodes.filter((node) => !node.type.endsWith('.rocketChat') && node.type !== 'n8n-nodes-base.filter' && node.type !== 'n8n-nodes-base.stickyNote');
	const steps = [
		call('Find by E-mail', 'GET', 'users.info', undefined, {
			url: `=${server.url}/api/v1/users.info?email={{ encodeURIComponent(${PERSON}.email) }}`,
			options: { response: { response: { neverError: true } } },
		}),
		onlyNewAccounts,
		call('Create', 'POST', 'users.create', `{ email: ${PERSON}.email, name: ${PERSON}.name, username: ${PERSON}.username, password: 'Replaced-By-A-Random-One', setRandomPassword: true, requirePasswordChange: true, verified: true, roles: ['user'], joinDefaultChannels: true, sendWelcomeEmail: false }`),
		call('Set Avatar', 'POST', 'users.setAvatar', `{ userId: ${CREATED}, avatarUrl: ${PERSON}.avatarUrl }`),
		call('Set Preferences', 'POST', 'users.setPreferences', `{ userId: ${CREATED}, data: { emailNotificationMode: 'mentions', enableAutoAway: true, idleTimeLimit: 600, language: 'en', sidebarShowUnread: true } }`),
		call('Welcome', 'POST', 'users.sendWelcomeEmail', `{ email: ${PERSON}.email }`),
	];
	// The kept nodes in the order the example connects them (trigger first), then the steps.
	const byName = new Map(kept.map((node) => [node.name, node]));
	const targets = new Set(Object.values(onboarding.connections).flatMap((c) => (c.main ?? []).flat().map((t) => t.node)));
	let current = kept.find((node) => !targets.has(node.name));
	const chain = [];
	while (current && byName.has(current.name)) {
		chain.push(current);
		const next = onboarding.connections[current.name]?.main?.[0]?.[0]?.node;
		current = next === undefined ? undefined : byName.get(next);
	}
	if (chain.length !== kept.length) throw new Error(`httpOnboardingWorkflow: ${kept.length - chain.length} node(s) of the example are not on its main chain`);
	const nodes = [...chain, ...steps];
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { ...onboarding, name: `${onboarding.name ?? 'Onboarding'} (HTTP Request nodes)`, nodes, connections };
}

/** The data of n8n's Custom Auth credential (httpCustomAuth) that sends the admin's token as the two headers. */
function customAuthData(server) {
	return { json: JSON.stringify({ headers: { 'X-User-Id': server.userId, 'X-Auth-Token': server.authToken } }) };
}

module.exports = { httpOnboardingWorkflow, customAuthData, HTTP_NODE_TYPE };
