package io.github.serviceaccounts.security;

import java.sql.SQLException;

/**
 * Nodes of a cluster may start at the same moment and both create what is missing (users,
 * groups, authorizations). The database then refuses the second insert with a duplicate
 * key. Everything created at start-up is "create when missing", so doing it once more
 * finds the other node's rows and creates nothing.
 */
final class ConcurrentStart {

	private ConcurrentStart() {
	}

	static void createWhenMissing(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			if (!isDuplicateKey(ex)) {
				throw ex;
			}
			work.run();
		}
	}

	static boolean isDuplicateKey(Throwable ex) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
				return true;
			}
		}
		return false;
	}

}
