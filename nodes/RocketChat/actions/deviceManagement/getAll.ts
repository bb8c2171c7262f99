import { forOperation, type Operation } from '../operation';
import { pagination, twoFactorOverride, twoFactorOverrideField } from '../shared/fields';
import { sessionListOutput, sessionListProperties, sessionListQuery } from '../shared/sessions';

const properties = [
	...sessionListProperties(
		'Only sessions whose device name or type, operating system name, session ID or user ID contains this text (matched literally, not case-sensitively; the IP address, the OS version and the user\'s name are not searched)',
		'loginAt, device.name, device.os.name, device.os.version, _user.name or _user.username',
	),
	twoFactorOverrideField,
];

export const description = forOperation('deviceManagement', 'getAll', properties);

export const toolDescription =
	'Read only: get many device sessions of every Rocket.Chat user and return one item per session.';

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/list.all',
	qs: sessionListQuery(p),
	twoFactor: twoFactorOverride(p),
	permission: 'view-device-management',
	paginate: pagination(p, 'sessions'),
	output: sessionListOutput(p),
});
