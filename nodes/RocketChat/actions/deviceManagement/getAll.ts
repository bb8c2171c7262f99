import { forOperation, type Operation } from '../operation';
import { pagination, twoFactorOverride, twoFactorOverrideField } from '../shared/fields';
import { sessionListProperties, sessionListQuery } from '../shared/sessions';

const properties = [
	...sessionListProperties(
		"Only sessions whose device, operating system or IP address contains this text, or whose user's username or name does",
		'loginAt, device.name, device.os.name, device.os.version, _user.name or _user.username',
	),
	twoFactorOverrideField,
];

export const description = forOperation('deviceManagement', 'getAll', properties);

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/list.all',
	qs: sessionListQuery(p),
	twoFactor: twoFactorOverride(p),
	permission: 'view-device-management',
	paginate: pagination(p, 'sessions'),
	output: { key: 'sessions', each: true },
});
