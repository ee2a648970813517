package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.SegregationOfDutiesListener.SegregationOfDutiesException;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.request.Violation;
import io.github.serviceaccounts.servicenow.QueryValues;

/**
 * Checks a "Retire service account" as it starts, before anything is stored: the account
 * is governed, and waiting (not being retired already, not in a review or a hand-over);
 * the person asking is its owner or a fallback approver; a reason is given. The business
 * key becomes the account's user name, so Cockpit shows the retirement beside the
 * account's other instances.
 */
@Component
class RetirementStartListener implements ExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RetirementStartListener.class);

	private final String fallbackGroup;

	RetirementStartListener(ServiceAccountsProperties properties) {
		this.fallbackGroup = properties.fallbackApproverGroup();
	}

	@Override
	public void notify(DelegateExecution execution) {
		String form = FormLabels.formOf(execution);
		List<Violation> violations = new ArrayList<>();
		Object named = execution.getVariable(ACCOUNT_USER_NAME.name());
		String account = null;
		if (!(named instanceof String name) || name.isBlank()) {
			violations.add(new Violation(ACCOUNT_USER_NAME.name(), "is required"));
		}
		else {
			try {
				account = QueryValues.userName(ACCOUNT_USER_NAME.name(), name.strip());
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation(ACCOUNT_USER_NAME.name(), "'" + Violation.quoted(name)
						+ "' is not a ServiceNow user name (letters, digits, '.', '_', '@' or '-', at most 40)"));
			}
		}
		Object reason = execution.getVariable(RETIREMENT_REASON.name());
		if (!(reason instanceof String text) || text.isBlank()) {
			violations.add(new Violation(RETIREMENT_REASON.name(), "is required: say why the account can go"));
		}
		else if (text.length() > LifecycleInputListener.LONGEST_TEXT) {
			violations.add(new Violation(RETIREMENT_REASON.name(),
					"must be at most " + LifecycleInputListener.LONGEST_TEXT + " characters long"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(form, violations);
		}
		RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
		Optional<ProcessInstance> lifecycle = LifecycleStarter.governing(runtime, account);
		if (lifecycle.isEmpty()) {
			throw new InvalidRequestException(form, List.of(new Violation(ACCOUNT_USER_NAME.name(),
					account + " is not a service account this application governs")));
		}
		String asker = RETIREMENT_REQUESTED_BY.find(execution).orElse(null);
		Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		String owner = (String) runtime.getVariable(lifecycle.get().getId(), OWNER.name());
		boolean fallback = current != null && current.getGroupIds() != null
				&& current.getGroupIds().contains(fallbackGroup);
		if (asker == null || (!UserIdMapping.samePerson(asker, owner) && !fallback)) {
			throw new SegregationOfDutiesException(form,
					"Only the owner of " + account + " (" + owner
							+ ") or a fallback approver can ask for its retirement"
							+ (asker == null ? "." : ", not " + asker + "."));
		}
		if (runtime.createProcessInstanceQuery()
			.processDefinitionKey(RetireProcess.PROCESS_ID)
			.processInstanceBusinessKey(account)
			.count() > 0) {
			throw new InvalidRequestException(form, List.of(new Violation(ACCOUNT_USER_NAME.name(),
					"the retirement of " + account + " has been asked for already")));
		}
		long waiting = runtime.createEventSubscriptionQuery()
			.processInstanceId(lifecycle.get().getId())
			.eventType("message")
			.eventName(LifecycleProcess.Messages.RETIREMENT_REQUESTED)
			.count();
		if (waiting == 0) {
			List<String> at = runtime.getActiveActivityIds(lifecycle.get().getId());
			boolean retiring = at.stream()
				.anyMatch(id -> id.equals(LifecycleProcess.DISABLE_ACCOUNT)
						|| id.equals(LifecycleProcess.OBJECT_TO_RETIREMENT)
						|| id.equals(LifecycleProcess.NOTIFY_RETIREMENT_STARTED)
						|| id.equals(LifecycleProcess.RETIRE_ACCOUNT)
						|| id.equals(LifecycleProcess.NOTIFY_ACCOUNT_RETIRED)
						|| id.equals(LifecycleProcess.RETIREMENT_NEEDED));
			throw new InvalidRequestException(form, List.of(new Violation(ACCOUNT_USER_NAME.name(),
					retiring ? account + " is being retired already" : account
							+ " is in a review or a change of owner now; choose retire in the review, or ask again once"
							+ " the new owner has accepted")));
		}
		execution.setProcessBusinessKey(account);
		ACCOUNT_USER_NAME.set(execution, account);
		log.info("retirement of {} asked by {}", account, asker);
	}

}
