package io.github.serviceaccounts.lifecycle;

import java.time.Instant;

/**
 * A governed account as its lifecycle instance knows it.
 *
 * @param userName the business key, the account's user_name
 * @param sysId the account's sys_id, or {@code null} when the lifecycle has none
 * @param owner the owner's user id
 * @param lastReviewedAt when the owner last answered a review, or {@code null}
 */
record GovernedAccount(String lifecycleId, String userName, String sysId, String owner, boolean lockedByLifecycle,
		Instant lastReviewedAt) {
}
