/** Every case group, in the order they run. */
import type { CaseGroup } from '../lib/suite';
import { ACCOUNT_ROOM_GROUPS } from './accountRooms';
import { ACCOUNT_GROUPS } from './accounts';
import { PROFILE_GROUPS } from './profile';
import { sessionGroup, unlicensedGroup } from './sessions';
import { TOKEN_GROUPS } from './tokens';
import { limitGroup, userGroup } from './users';

export const GROUPS: CaseGroup[] = [userGroup, limitGroup, ...ACCOUNT_GROUPS, ...ACCOUNT_ROOM_GROUPS, ...PROFILE_GROUPS, ...TOKEN_GROUPS, sessionGroup, unlicensedGroup];
