package io.github.serviceaccounts.cockpit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.serviceaccounts.lifecycle.LifecycleProcess;

/**
 * Where an account stands, read from where its instances wait. A lock taken by the
 * lifecycle (an unanswered review, nobody accepting a hand-over) outranks the rest: it is
 * what the owner notices first.
 */
enum AccountState {

	REQUESTED("requested"), LIVE("live"), UNDER_REVIEW("under review"), HAND_OVER_PENDING("hand-over pending"),
	LOCKED("locked"), RETIRING("retiring"), RETIRED("retired");

	private static final Set<String> REVIEW = Set.of(LifecycleProcess.REVIEW_NEEDED,
			LifecycleProcess.READ_REVIEW_EVIDENCE, LifecycleProcess.REVIEW_SERVICE_ACCOUNT,
			LifecycleProcess.REMIND_REVIEWER, LifecycleProcess.ESCALATE_REVIEW,
			LifecycleProcess.LOCK_UNREVIEWED_ACCOUNT, LifecycleProcess.UNLOCK_REVIEWED_ACCOUNT,
			LifecycleProcess.REMOVE_GROUPS);

	private static final Set<String> HAND_OVER = Set.of(LifecycleProcess.FIND_OWNER_SUCCESSOR,
			LifecycleProcess.HAND_OVER, LifecycleProcess.NAME_NEW_OWNER, LifecycleProcess.CHECK_NEW_OWNER,
			LifecycleProcess.ACCEPT_OWNERSHIP, LifecycleProcess.TRANSFER_OWNERSHIP, LifecycleProcess.ESCALATE_NAMING,
			LifecycleProcess.LOCK_OWNERLESS_ACCOUNT, LifecycleProcess.NOTIFY_OWNERSHIP_TRANSFERRED);

	private static final Set<String> RETIREMENT = Set.of(LifecycleProcess.DISABLE_ACCOUNT,
			LifecycleProcess.NOTIFY_RETIREMENT_STARTED, LifecycleProcess.OBJECT_TO_RETIREMENT,
			LifecycleProcess.RETIRE_ACCOUNT, LifecycleProcess.NOTIFY_ACCOUNT_RETIRED,
			LifecycleProcess.REENABLE_ACCOUNT);

	private final String label;

	AccountState(String label) {
		this.label = label;
	}

	String label() {
		return label;
	}

	/** The state of a running lifecycle waiting at these activities. */
	static AccountState ofLifecycle(Set<String> activeActivities, boolean locked) {
		if (locked) {
			return LOCKED;
		}
		if (activeActivities.stream().anyMatch(RETIREMENT::contains)) {
			return RETIRING;
		}
		if (activeActivities.stream().anyMatch(HAND_OVER::contains)) {
			return HAND_OVER_PENDING;
		}
		if (activeActivities.stream().anyMatch(REVIEW::contains)) {
			return UNDER_REVIEW;
		}
		return LIVE;
	}

	/**
	 * By its label ({@code hand-over pending}) or its name ({@code HAND_OVER_PENDING}).
	 */
	static Optional<AccountState> parse(String text) {
		String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
		return Arrays.stream(values())
			.filter(state -> state.label.equals(wanted) || state.label.replace('-', ' ').equals(wanted))
			.findFirst();
	}

	static String labels() {
		return String.join(", ", Arrays.stream(values()).map(AccountState::label).toList());
	}

}
