package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Clears the owner's previous answer when the validation task is created, and checks the
 * answer: one of the three outcomes and, when more access is needed, groups that are on
 * the allow-list and not granted already.
 */
@Component
class ValidationInputListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(ValidationInputListener.class);

	private static final Set<String> OUTCOMES = Set.of(CALLS_WORK, NEED_MORE_ACCESS, CANCEL, READ_EVIDENCE_AGAIN);

	private final RequestRules rules;

	ValidationInputListener(RequestRules rules) {
		this.rules = rules;
	}

	@Override
	public void notify(DelegateTask task) {
		try {
			check(task);
		}
		catch (InvalidRequestException ex) {
			// The fields are named as this step's form labels them.
			throw ex.onForm(FormLabels.formOf(task));
		}
	}

	private void check(DelegateTask task) {
		if (EVENTNAME_CREATE.equals(task.getEventName())) {
			// Tasklist pre-fills a form with the variables of the same name: start each
			// round empty.
			VALIDATION_OUTCOME.set(task, null);
			VALIDATION_COMMENT.set(task, null);
			REQUESTED_GROUPS.set(task, null);
			if (VALIDATION_STARTED_AT.find(task).isEmpty()) {
				VALIDATION_STARTED_AT.set(task, ClockUtil.getCurrentTime().toInstant().toString());
			}
			return;
		}
		Object outcome = task.getVariable(VALIDATION_OUTCOME.name());
		if (!(outcome instanceof String text) || !OUTCOMES.contains(text)) {
			throw new InvalidRequestException(List.of(new Violation(VALIDATION_OUTCOME.name(),
					"is required: choose one of the answers the form offers")));
		}
		Object comment = task.getVariable(VALIDATION_COMMENT.name());
		if (comment != null && (!(comment instanceof String c) || c.length() > 2000)) {
			throw new InvalidRequestException(
					List.of(new Violation(VALIDATION_COMMENT.name(), "must be text of at most 2000 characters")));
		}
		if (NEED_MORE_ACCESS.equals(outcome)) {
			List<String> requested = rules.validateGroups(REQUESTED_GROUPS.name(),
					task.getVariable(REQUESTED_GROUPS.name()));
			List<String> granted = GroupList.parse(GRANTED_GROUPS.find(task).orElse(null));
			List<String> missing = requested.stream().filter(group -> !granted.contains(group)).toList();
			if (missing.isEmpty()) {
				throw new InvalidRequestException(List.of(new Violation(REQUESTED_GROUPS.name(),
						"name at least one grantable group the account does not hold yet (grantable: "
								+ String.join(", ", rules.grantableGroups()) + ")")));
			}
			REQUESTED_GROUPS.set(task, GroupList.format(missing));
		}
		log.info("owner answered {}", outcome);
	}

}
