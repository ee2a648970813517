package io.github.serviceaccounts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * What the daily sweep concludes about one governed account from what ServiceNow said of
 * it: no engine, no HTTP.
 */
final class SweepRules {

	private static final DateTimeFormatter SERVICENOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
			Locale.ROOT);

	private final Duration dormantAfter;

	SweepRules(Duration dormantAfter) {
		this.dormantAfter = dormantAfter;
	}

	/** What the lifecycle is told, and why (for the log). */
	enum Kind {

		NOTHING, OWNER_LEFT, UNUSED

	}

	record Finding(Kind kind, String reason) {

		static final Finding NOTHING = new Finding(Kind.NOTHING, "");

	}

	/**
	 * The owner's departure wins over dormancy: the hand-over finds the person who will
	 * answer the review.
	 * @param manager the account's manager as read through the reference; empty when none
	 * or gone
	 */
	Finding judge(GovernedAccount governed, ServiceNowUser account, Optional<ServiceNowUser> manager,
			boolean managerGone, Instant now) {
		Optional<String> ownerLeft = ownerLeft(governed, account, manager, managerGone);
		if (ownerLeft.isPresent()) {
			return new Finding(Kind.OWNER_LEFT, ownerLeft.get());
		}
		return unused(governed, account, now).map(reason -> new Finding(Kind.UNUSED, reason)).orElse(Finding.NOTHING);
	}

	Optional<String> ownerLeft(GovernedAccount governed, ServiceNowUser account, Optional<ServiceNowUser> manager,
			boolean managerGone) {
		if (managerGone) {
			return Optional.of("its manager " + account.managerSysId() + " is gone from ServiceNow");
		}
		if (manager.isEmpty()) {
			return Optional.of("it has no manager in ServiceNow");
		}
		ServiceNowUser owner = manager.get();
		if (!owner.active()) {
			return Optional.of("its manager " + owner.userName() + " is inactive in ServiceNow");
		}
		if (governed.owner() == null || !owner.userName().equalsIgnoreCase(governed.owner())) {
			return Optional
				.of("its manager in ServiceNow is " + owner.userName() + ", not its owner " + governed.owner());
		}
		return Optional.empty();
	}

	/**
	 * Last use is the last login (which API calls update) or, for an account never logged
	 * in, its creation. A review answered within the limit counts as a recent decision to
	 * keep it. An account locked by its lifecycle is not used, by design; its lifecycle
	 * already waits for the owner.
	 */
	Optional<String> unused(GovernedAccount governed, ServiceNowUser account, Instant now) {
		if (governed.lockedByLifecycle()) {
			return Optional.empty();
		}
		Instant limit = now.minus(dormantAfter);
		String lastUse = account.lastLoginTime() != null ? account.lastLoginTime() : account.createdOn();
		if (lastUse == null) {
			return Optional.empty(); // unknown: never reported on a guess
		}
		Instant used = serviceNowTime(lastUse);
		if (!used.isBefore(limit)) {
			return Optional.empty();
		}
		if (governed.lastReviewedAt() != null && !governed.lastReviewedAt().isBefore(limit)) {
			return Optional.empty();
		}
		return Optional.of((account.lastLoginTime() != null ? "last used " : "never used; created ") + lastUse
				+ " UTC, more than " + dormantAfter.toDays() + " days ago" + (governed.lastReviewedAt() == null
						? ", never reviewed" : ", last reviewed " + governed.lastReviewedAt()));
	}

	/**
	 * Why a governed account that neither page listed cannot be governed any more, or
	 * empty when it is there and active (it only left the group, say).
	 * @param read the account read by its sys_id; empty when ServiceNow answered 404
	 */
	static Optional<String> missing(GovernedAccount governed, Optional<ServiceNowUser> read) {
		if (governed.sysId() == null) {
			return Optional.of(governed.userName() + ": its lifecycle has no accountSysId, so the sweep cannot find it"
					+ " in ServiceNow");
		}
		if (read.isEmpty()) {
			return Optional.of(governed.userName() + " (sys_user " + governed.sysId() + ") is gone from ServiceNow: "
					+ "reading it by sys_id answered 404 (deleted, or hidden from the integration user). Restore the "
					+ "account, or retire it here; its lifecycle cannot govern it meanwhile.");
		}
		ServiceNowUser account = read.get();
		if (!account.userName().equalsIgnoreCase(governed.userName())) {
			return Optional.of(governed.userName() + " (sys_user " + governed.sysId() + ") is now called "
					+ account.userName() + " in ServiceNow; it was renamed by hand. Name it back, or retire it here.");
		}
		if (!account.active()) {
			return Optional.of(governed.userName() + " (sys_user " + governed.sysId() + ") is inactive in ServiceNow"
					+ (account.lockedOut() ? " and locked out" : "") + ", and its lifecycle did not do it: it was "
					+ "deactivated by hand. Activate it again, or retire it here.");
		}
		return Optional.empty();
	}

	/** ServiceNow's {@code YYYY-MM-DD HH:MM:SS}, in UTC. */
	static Instant serviceNowTime(String value) {
		try {
			return LocalDateTime.parse(value, SERVICENOW_TIME).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalStateException(
					"ServiceNow sent the time '" + value + "', not in its format YYYY-MM-DD HH:MM:SS", ex);
		}
	}

}
