import { ok, type RouteDef } from './common';

/**
 * GET /api/info (outside /api/v1, no auth, not rate-limited), as `getServerInfo` answers it: the version trimmed to
 * major.minor for everyone, the full version plus build `info` for a caller with `view-statistics`.
 */
export const infoRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/api/info',
		auth: 'optional',
		handler: (ctx) => {
			const full = ctx.state.settings.serverVersion;
			const trimmed = full.replace(/^(\d+\.\d+).*/, '$1');
			const base = { workspaceUrl: ctx.baseUrl, version: trimmed, minimumClientVersions: { desktop: '3.9.6', mobile: '4.39.0' } };
			if (ctx.user && ctx.state.hasPermission(ctx.user.roles, 'view-statistics')) {
				return ok({ ...base, info: { version: full, build: { nodeVersion: 'v22.16.0', platform: 'linux', arch: 'x64' } }, version: full });
			}
			return ok(base);
		},
	},
];
