package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Sweep governed accounts": runs the sweep and keeps its figures on the sweep's instance
 * (Cockpit shows them while it runs or waits in an incident; the history keeps them).
 */
@Component
class SweepGovernedAccountsDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(SweepGovernedAccountsDelegate.class);

	private final AccountSweep sweep;

	SweepGovernedAccountsDelegate(AccountSweep sweep) {
		this.sweep = sweep;
	}

	@Override
	public void execute(DelegateExecution execution) {
		SweepSummary summary = sweep.sweep();
		SweepVariables.GOVERNED.set(execution, summary.governed());
		SweepVariables.READ.set(execution, summary.read());
		SweepVariables.CALLS.set(execution, summary.calls());
		SweepVariables.OWNER_LEFT.set(execution, summary.ownerLeft());
		SweepVariables.UNUSED.set(execution, summary.unused());
		SweepVariables.BUSY.set(execution, summary.busy());
		SweepVariables.MISSING.set(execution, summary.missing());
		SweepVariables.ELAPSED_MILLIS.set(execution, summary.elapsed().toMillis());
		log.info("Sweep of governed accounts {}: {}", execution.getProcessInstanceId(), summary);
	}

}
