/** Every case group, in the order they run. */
import type { CaseGroup } from '../lib/suite';
import { sessionGroup, unlicensedGroup } from './sessions';
import { limitGroup, userGroup } from './users';

export const GROUPS: CaseGroup[] = [userGroup, limitGroup, sessionGroup, unlicensedGroup];
