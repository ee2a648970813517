package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Disable account": the retirement's first step locks the account (locked_out=true, read
 * back); during the grace period the owner may still object.
 */
@Component
class DisableAccountDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(DisableAccountDelegate.class);

	private final GovernedAccounts accounts;

	DisableAccountDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (RETIREMENT_REQUESTED_BY.find(execution).isEmpty()) {
			// chosen in a review: the owner (or their manager) asked for it there
			RETIREMENT_REQUESTED_BY.set(execution, OWNER.get(execution));
			RETIREMENT_REASON.set(execution, REVIEW_COMMENT.find(execution).orElse("Chosen in the review."));
		}
		accounts.lock(LifecycleRef.of(execution), List.of(OWNER.get(execution)), false);
		LOCKED_BY_LIFECYCLE.set(execution, true);
		log.info("account disabled for retirement, asked by {}", RETIREMENT_REQUESTED_BY.get(execution));
	}

}
