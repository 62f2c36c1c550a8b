/**
 * Notice topic the console channel publishes on the event bus when a clerk's sessions may have ended
 * (logout, deactivation, password change): every instance re-checks that clerk's open sockets.
 */
export const SESSION_NOTICE = 'clerk_session';
