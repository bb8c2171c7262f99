/** Default roles and the subset of Rocket.Chat's default permission → roles map the 48 endpoints use. */
import type { SimRole } from './types';

export const DEFAULT_ROLES: SimRole[] = [
	{ _id: 'admin', name: 'admin', scope: 'Users', description: 'Admin', protected: true, mandatory2fa: false },
	{ _id: 'moderator', name: 'moderator', scope: 'Subscriptions', description: 'Moderator', protected: true, mandatory2fa: false },
	{ _id: 'leader', name: 'leader', scope: 'Subscriptions', description: 'Leader', protected: true, mandatory2fa: false },
	{ _id: 'owner', name: 'owner', scope: 'Subscriptions', description: 'Owner', protected: true, mandatory2fa: false },
	{ _id: 'user', name: 'user', scope: 'Users', description: '', protected: true, mandatory2fa: false },
	{ _id: 'bot', name: 'bot', scope: 'Users', description: '', protected: true, mandatory2fa: false },
	{ _id: 'app', name: 'app', scope: 'Users', description: '', protected: true, mandatory2fa: false },
	{ _id: 'guest', name: 'guest', scope: 'Users', description: '', protected: true, mandatory2fa: false },
	{ _id: 'anonymous', name: 'anonymous', scope: 'Users', description: '', protected: true, mandatory2fa: false },
	{ _id: 'livechat-agent', name: 'livechat-agent', scope: 'Users', description: 'Livechat Agent', protected: true, mandatory2fa: false },
	{ _id: 'livechat-manager', name: 'livechat-manager', scope: 'Users', description: 'Livechat Manager', protected: true, mandatory2fa: false },
	{ _id: 'livechat-monitor', name: 'livechat-monitor', scope: 'Users', description: 'Livechat Monitor', protected: true, mandatory2fa: false },
	{ _id: 'auditor', name: 'auditor', scope: 'Users', description: 'Auditor', protected: true, mandatory2fa: false },
	{ _id: 'support', name: 'support', scope: 'Users', description: 'Support team (custom role)', protected: false, mandatory2fa: false },
];

export const PERMISSIONS: Record<string, string[]> = {
	'api-bypass-rate-limit': ['admin', 'bot', 'app'],
	'view-d-room': ['admin', 'owner', 'moderator', 'user', 'bot', 'app'],
	'view-outside-room': ['admin', 'owner', 'moderator', 'user', 'bot', 'app'],
	'view-full-other-user-info': ['admin'],
	'view-statistics': ['admin'],
	'view-other-user-channels': ['admin'],
	'view-all-teams': ['admin'],
	'view-device-management': ['admin'],
	'logout-device-management': ['admin'],
	'edit-other-user-active-status': ['admin'],
	'manage-moderation-actions': ['admin'],
	'delete-user': ['admin'],
	'create-user': ['admin'],
	'edit-other-user-info': ['admin'],
	'edit-other-user-password': ['admin'],
	'edit-other-user-avatar': ['admin'],
	'edit-other-user-e2ee': ['admin'],
	'edit-other-user-totp': ['admin'],
	'assign-roles': ['admin'],
	'logout-other-user': ['admin'],
	'send-mail': ['admin'],
	'create-personal-access-tokens': ['admin', 'user'],
	'user-generate-access-token': ['admin'],
	'view-user-voip-extension': ['admin'],
	'access-permissions': ['admin'],
	'view-privileged-setting': ['admin'],
	'edit-privileged-setting': ['admin'],
	// Rooms, teams and invites (the set-up routes of the conformance suite); room roles count in their room.
	'view-c-room': ['admin', 'user', 'bot', 'app', 'anonymous'],
	'create-c': ['admin', 'user', 'bot', 'app'],
	'create-p': ['admin', 'user', 'bot', 'app'],
	'delete-c': ['admin', 'owner'],
	'delete-p': ['admin', 'owner'],
	'set-owner': ['admin', 'owner'],
	'edit-room': ['admin', 'owner', 'moderator'],
	'view-room-administration': ['admin'],
	'add-user-to-joined-room': ['admin', 'owner', 'moderator'],
	'add-user-to-any-c-room': ['admin'],
	'add-user-to-any-p-room': [],
	'create-invite-links': ['admin', 'owner', 'moderator'],
	'create-team': ['admin', 'user'],
	'delete-team': ['admin', 'owner'],
	'create-team-channel': ['admin', 'owner', 'moderator'],
	'create-team-group': ['admin', 'owner', 'moderator'],
	'edit-team-channel': ['admin', 'owner', 'moderator'],
};

/** A fresh copy of the defaults: each simulator changes its own through permissions.update. */
export function defaultPermissions(): Record<string, string[]> {
	return Object.fromEntries(Object.entries(PERMISSIONS).map(([k, roles]) => [k, [...roles]]));
}

export function hasPermission(roles: readonly string[], permission: string, map: Record<string, string[]> = PERMISSIONS): boolean {
	const allowed = map[permission];
	return allowed !== undefined && roles.some((r) => allowed.includes(r));
}

/** Order used for Session.mostImportantRole. */
const ROLE_IMPORTANCE = ['admin', 'livechat-manager', 'livechat-monitor', 'livechat-agent', 'bot', 'app', 'user', 'guest', 'anonymous'];

export function mostImportantRole(roles: readonly string[]): string {
	for (const r of ROLE_IMPORTANCE) if (roles.includes(r)) return r;
	return roles[0] ?? 'user';
}
