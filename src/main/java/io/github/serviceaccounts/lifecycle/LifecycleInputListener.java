package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.FormLabels;
import io.github.serviceaccounts.request.GroupList;
import io.github.serviceaccounts.request.InvalidRequestException;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.request.Violation;
import io.github.serviceaccounts.servicenow.QueryValues;

/**
 * Checks what a person submits on a lifecycle form, on the server, before anything is
 * stored: every broken rule at once, each naming its field as the form labels it. What
 * needs ServiceNow (does the named owner exist, are they active) is checked by the next
 * step, which sends a refusal back the way the model shows.
 */
@Component
class LifecycleInputListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(LifecycleInputListener.class);

	static final int LONGEST_TEXT = 2000;

	private static final Set<String> OUTCOMES = Set.of(OUTCOME_KEEP, OUTCOME_REMOVE_GROUPS, OUTCOME_RETIRE);

	private final String defaultGroup;

	private final Clock clock;

	@Autowired
	LifecycleInputListener(ServiceAccountsProperties properties) {
		this(properties, Clock.systemUTC());
	}

	LifecycleInputListener(ServiceAccountsProperties properties, Clock clock) {
		this.defaultGroup = properties.defaultGroup();
		this.clock = clock;
	}

	@Override
	public void notify(DelegateTask task) {
		List<Violation> violations = new ArrayList<>();
		switch (task.getTaskDefinitionKey()) {
			case LifecycleProcess.REVIEW_SERVICE_ACCOUNT -> review(task, violations);
			case LifecycleProcess.NAME_NEW_OWNER -> naming(task, violations);
			case LifecycleProcess.ACCEPT_OWNERSHIP -> acceptance(task, violations, OWNERSHIP_ACCEPTED.name(),
					PROPOSED_OWNER.find(task).orElse("The named owner"));
			case AdoptAccountProcess.CONFIRM_OWNERSHIP -> acceptance(task, violations, OWNERSHIP_CONFIRMED.name(),
					CURRENT_OWNER.find(task).orElse("The manager"));
			case LifecycleProcess.OBJECT_TO_RETIREMENT -> {
				String objection = text(task, OBJECTION.name(), violations);
				if (violations.isEmpty() && (objection == null || objection.isBlank())) {
					violations.add(new Violation(OBJECTION.name(), "is required: say why the account must be kept"));
				}
			}
			default -> throw new IllegalStateException(
					"The lifecycle input listener does not know the task " + task.getTaskDefinitionKey());
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(FormLabels.formOf(task), violations);
		}
	}

	private void review(DelegateTask task, List<Violation> violations) {
		Object outcome = task.getVariable(REVIEW_OUTCOME.name());
		if (!(outcome instanceof String value) || !OUTCOMES.contains(value)) {
			violations
				.add(new Violation(REVIEW_OUTCOME.name(), "must be keep, removeGroups (remove groups) or retire"));
			return;
		}
		String comment = text(task, REVIEW_COMMENT.name(), violations);
		String groups = text(task, GROUPS_TO_REMOVE.name(), violations);
		if (OUTCOME_REMOVE_GROUPS.equals(outcome)) {
			List<String> named = GroupList.parse(groups);
			List<String> removable = GroupList.parse(REMOVABLE_GROUPS.find(task).orElse(""));
			if (named.isEmpty()) {
				violations.add(new Violation(GROUPS_TO_REMOVE.name(), "is required when you remove groups"));
			}
			for (String group : named) {
				if (group.equalsIgnoreCase(defaultGroup)) {
					violations.add(new Violation(GROUPS_TO_REMOVE.name(), "'" + group
							+ "' is the service-account group, which every service account keeps; retire the account instead"));
				}
				else if (removable.stream().noneMatch(group::equalsIgnoreCase)) {
					violations.add(new Violation(GROUPS_TO_REMOVE.name(),
							"the account is not in '" + group + "'; it is in " + (removable.isEmpty()
									? "no group but the service-account group" : GroupList.format(removable))));
				}
			}
		}
		else if (groups != null && !groups.isBlank()) {
			violations.add(new Violation(GROUPS_TO_REMOVE.name(), "must be empty unless you remove groups"));
		}
		if (OUTCOME_RETIRE.equals(outcome) && (comment == null || comment.isBlank())) {
			violations.add(new Violation(REVIEW_COMMENT.name(), "is required when you retire the account"));
		}
		if (violations.isEmpty()) {
			LAST_REVIEWED_AT.set(task, Instant.now(clock).toString());
			log.info("review answered: {}", outcome);
		}
	}

	private void naming(DelegateTask task, List<Violation> violations) {
		text(task, NAMING_COMMENT.name(), violations);
		Object named = task.getVariable(NEW_OWNER.name());
		if (!(named instanceof String name) || name.isBlank()) {
			violations.add(new Violation(NEW_OWNER.name(), "is required: the ServiceNow user name of the new owner"));
			return;
		}
		String newOwner;
		try {
			newOwner = QueryValues.userName(NEW_OWNER.name(), name.strip());
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation(NEW_OWNER.name(), "'" + Violation.quoted(name)
					+ "' is not a ServiceNow user name (letters, digits, '.', '_', '@' or '-', at most 40)"));
			return;
		}
		String leaver = LEAVER.find(task).orElse(null);
		if (leaver != null && UserIdMapping.samePerson(newOwner, leaver)) {
			violations.add(new Violation(NEW_OWNER.name(), newOwner + " is the owner who left"));
			return;
		}
		Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		NAMED_BY.set(task, current == null ? null : current.getUserId());
		NEW_OWNER.set(task, newOwner);
	}

	private void acceptance(DelegateTask task, List<Violation> violations, String decision, String who) {
		Object accepted = task.getVariable(decision);
		String reason = text(task, DECLINE_REASON.name(), violations);
		if (!(accepted instanceof Boolean)) {
			violations.add(new Violation(decision, "must be true (accept) or false (decline)"));
			return;
		}
		if (Boolean.FALSE.equals(accepted)) {
			if (reason == null || reason.isBlank()) {
				violations.add(new Violation(DECLINE_REASON.name(), "is required when you decline"));
				return;
			}
			NAMING_REFUSAL.set(task, who + " declined: " + reason.strip());
		}
	}

	private static String text(DelegateTask task, String field, List<Violation> violations) {
		Object value = task.getVariable(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			violations.add(new Violation(field, "must be text"));
			return null;
		}
		if (text.length() > LONGEST_TEXT) {
			violations.add(new Violation(field, "must be at most " + LONGEST_TEXT + " characters long"));
			return null;
		}
		return text;
	}

}
