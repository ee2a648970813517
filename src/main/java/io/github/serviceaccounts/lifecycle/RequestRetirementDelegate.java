package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Request retirement from the lifecycle": hands the request to the account's lifecycle,
 * with who asked (the engine's record of who started this instance) and why. If the
 * lifecycle is no longer waiting for it (a review began, or another retirement won the
 * race), the retirement is not started, the way the model shows.
 */
@Component
class RequestRetirementDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RequestRetirementDelegate.class);

	@Override
	public void execute(DelegateExecution execution) {
		String account = ACCOUNT_USER_NAME.get(execution);
		try {
			execution.getProcessEngineServices()
				.getRuntimeService()
				.createMessageCorrelation(LifecycleProcess.Messages.RETIREMENT_REQUESTED)
				.processInstanceBusinessKey(account)
				.setVariables(Variables.createVariables()
					.putValue(RETIREMENT_REQUESTED_BY.name(), RETIREMENT_REQUESTED_BY.get(execution))
					.putValue(RETIREMENT_REASON.name(), RETIREMENT_REASON.get(execution)))
				.correlateWithResult();
			log.info("retirement of {} handed to its lifecycle", account);
		}
		catch (MismatchingMessageCorrelationException ex) {
			throw new BpmnError(RetireProcess.Errors.RETIREMENT_REFUSED, "The lifecycle of " + account
					+ " is not waiting for a retirement any more (a review, a change of owner or another retirement began"
					+ " meanwhile); nothing was changed. Ask again later, or choose retire in the review.");
		}
	}

}
