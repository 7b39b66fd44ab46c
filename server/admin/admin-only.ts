import type { Who } from '../auth/access.js';

/** Every administration route: the standing office's administrators only. */
export const ADMIN_ONLY: Who = ['admin'];
