import { forOperation, type Operation } from '../operation';
import { pagination } from '../shared/fields';
import { sessionListOutput, sessionListProperties, sessionListQuery } from '../shared/sessions';

const properties = sessionListProperties(
	'Only sessions whose device name or type, operating system name or session ID contains this text (matched literally, not case-sensitively; the IP address and the OS version are not searched)',
	'loginAt, device.name, device.os.name or device.os.version',
);

export const description = forOperation('deviceManagement', 'getManyOwn', properties);

export const toolDescription =
	'Read only: get many device sessions of the account of the n8n credential and return one item per session.';

export const build: Operation['build'] = (p) => ({
	method: 'GET',
	path: '/api/v1/sessions/list',
	qs: sessionListQuery(p),
	paginate: pagination(p, 'sessions'),
	output: sessionListOutput(p),
});
