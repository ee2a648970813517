package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Hand approval to fallback approvers": an approval left unanswered goes to the fallback
 * group.
 */
@Component
class EscalateApprovalDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(EscalateApprovalDelegate.class);

	private final ServiceAccountsProperties properties;

	EscalateApprovalDelegate(ServiceAccountsProperties properties) {
		this.properties = properties;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String previous = APPROVER_USER_ID.find(execution)
			.orElse("group " + APPROVER_GROUP.find(execution).orElse("?"));
		APPROVER_USER_ID.set(execution, null);
		APPROVER_GROUP.set(execution, properties.fallbackApproverGroup());
		APPROVER_ROUTING.set(execution,
				"escalated: " + previous + " did not answer within " + properties.timers().approvalEscalation());
		execution.setVariable(RequestVariables.JUST_ESCALATED, Variables.booleanValue(true, true));
		log.info("approval escalated from {} to group {}", previous, properties.fallbackApproverGroup());
	}

}
