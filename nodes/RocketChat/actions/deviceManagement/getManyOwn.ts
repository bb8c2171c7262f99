import { forOperation, type Operation } from '../operation';
import { pagination } from '../shared/fields';
import { sessionListProperties, sessionListQuery } from '../shared/sessions';

const properties = sessionListProperties(
	'Only sessions whose device, operating system or IP address contains this text',
	'loginAt, device.name, device.os.name or device.os.version',
);

export const description = forOperation('deviceManagement', 'getManyOwn', properties);

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/list',
	qs: sessionListQuery(p),
	paginate: pagination(p, 'sessions'),
	output: { key: 'sessions', each: true },
});
