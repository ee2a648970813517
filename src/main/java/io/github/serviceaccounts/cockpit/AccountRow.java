package io.github.serviceaccounts.cockpit;

import java.time.Instant;

/**
 * One line of the inventory: a governed account (a running lifecycle), one being
 * requested or adopted, or one that was retired.
 *
 * @param owner the owner's user id (for a request: the requester)
 * @param ownerManager the owner's manager as the last review read it; {@code null} when
 * no review has read it yet
 * @param lastUse ServiceNow's {@code last_login_time} as the last review read it
 * ({@code "YYYY-MM-DD HH:MM:SS"}, UTC), or {@code null}
 * @param nextReview when the next periodic review is due, or {@code null} when none waits
 * @param since when the account came under governance (or was requested, or retired)
 */
record AccountRow(String account, String owner, String ownerManager, AccountState state, String lastUse,
		Instant nextReview, Instant since, long openTasks, long openIncidents) {

	/** Days since the last use; without one, since the account came to be. */
	long unusedDays(Instant now) {
		Instant last = lastUse == null ? since : Instant.parse(lastUse.replace(' ', 'T') + "Z");
		return last == null ? 0 : java.time.Duration.between(last, now).toDays();
	}

}
