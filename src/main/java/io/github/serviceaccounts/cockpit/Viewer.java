package io.github.serviceaccounts.cockpit;

import java.util.List;
import java.util.Set;

/**
 * Who is asking, and which accounts they may see: administrators and fallback approvers
 * every one; anyone else the accounts they own or owned (or requested), and those owned
 * by the people who report to them in ServiceNow.
 *
 * @param reports the user names of the people whose {@code manager} the viewer is
 */
record Viewer(String userId, boolean seesAll, Set<String> ownedAccounts, List<String> reports) {

	boolean sees(String account, String owner) {
		return seesAll || ownedAccounts.contains(account)
				|| (owner != null && reports.stream().anyMatch(report -> report.equalsIgnoreCase(owner)));
	}

	boolean seesNothing() {
		return !seesAll && ownedAccounts.isEmpty() && reports.isEmpty();
	}

}
