package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Lock unreviewed account" and "Lock account without owner": locked_out=true, read back,
 * until the review is answered or a new owner accepts. A hand-over that ended meanwhile
 * (the new owner accepted as the timer fired) locks nothing.
 */
@Component
class LockAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(LockAccountDelegate.class);

	private final GovernedAccounts accounts;

	private final LifecycleNotices notices;

	LockAccountDelegate(GovernedAccounts accounts, LifecycleNotices notices) {
		this.accounts = accounts;
		this.notices = notices;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean handOver = LifecycleProcess.LOCK_OWNERLESS_ACCOUNT.equals(execution.getCurrentActivityId());
		if (handOver && !HAND_OVER_NEEDED.find(execution).orElse(false)) {
			log.info("the hand-over has ended; nothing to lock");
			return;
		}
		String taskKey = handOver ? LifecycleProcess.NAME_NEW_OWNER : LifecycleProcess.REVIEW_SERVICE_ACCOUNT;
		var waiting = notices.openTask(execution, taskKey)
			.or(() -> handOver ? notices.openTask(execution, LifecycleProcess.ACCEPT_OWNERSHIP)
					: java.util.Optional.empty());
		if (!handOver && waiting.isEmpty()) {
			log.info("the review was answered; nothing to lock");
			return;
		}
		accounts.lock(LifecycleRef.of(execution), List.of(OWNER.get(execution)), handOver);
		LOCKED_BY_LIFECYCLE.set(execution, true);
		log.info("account locked: {}", handOver ? "no new owner has accepted it" : "its review is unanswered");
		String taskUrl = waiting.map(notices::link).orElse(null);
		if (handOver) {
			notices.send(OWNER_NAMER_EMAIL.find(execution).map(List::of).orElseGet(notices::fallbackApprovers),
					execution, "locked until a new owner accepts it",
					List.of("Nobody has accepted the ownership of this service account since its owner left, so it is "
							+ "locked out now: it can no longer call ServiceNow. It is unlocked as soon as a new owner accepts it."),
					taskUrl);
		}
		else {
			notices.send(OWNER_EMAIL.find(execution).map(List::of).orElse(List.of()), execution,
					"locked until it is reviewed",
					List.of("The review of this service account has not been answered, so it is locked out now: it can no "
							+ "longer call ServiceNow. To get it back, answer the review: it is unlocked as soon as you keep it "
							+ "or remove the groups it no longer needs."),
					taskUrl);
		}
	}

}
