package io.github.serviceaccounts.lifecycle;

import static io.github.serviceaccounts.lifecycle.LifecycleVariables.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.GroupList;
import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.ServiceNowUser;

/**
 * "Read review evidence": what the owner reviews, read from ServiceNow as the review
 * begins (last use, roles, groups, access, findings), and who the owner's manager is now,
 * for the escalation.
 */
@Component
class ReadReviewEvidenceDelegate implements JavaDelegate {

	private final GovernedAccounts accounts;

	ReadReviewEvidenceDelegate(GovernedAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		GovernedAccounts.Evidence evidence = accounts.reviewEvidence(LifecycleRef.of(execution));
		ACCOUNT_LAST_LOGIN_TIME.set(execution,
				evidence.lastLoginTime() == null ? "never" : evidence.lastLoginTime() + " UTC");
		ACCOUNT_ROLES.set(execution, evidence.roles().isEmpty() ? "none" : String.join(", ", evidence.roles()));
		ACCOUNT_GROUPS.set(execution, GroupList.format(evidence.groups()));
		REMOVABLE_GROUPS.set(execution, GroupList.format(evidence.removableGroups()));
		ACCOUNT_ACCESS.set(execution, evidence.access());
		List<String> findings = new ArrayList<>();
		if (REVIEW_UNUSED.equals(REVIEW_REASON.find(execution).orElse(null))) {
			findings.add("Reviewed now because it looks unused.");
		}
		evidence.findings().forEach(finding -> findings.add("- " + finding));
		REVIEW_FINDINGS.set(execution, findings.isEmpty() ? "none" : String.join("\n", findings));
		evidence.owner().ifPresent(owner -> {
			OWNER_NAME.set(execution, LifecycleNames.displayName(owner));
			OWNER_EMAIL.set(execution, owner.email());
		});
		ServiceNowUser manager = evidence.manager().filter(ServiceNowUser::active).orElse(null);
		OWNER_MANAGER.set(execution, manager == null ? null : UserIdMapping.camundaUserId(manager.userName()));
		OWNER_MANAGER_EMAIL.set(execution, manager == null ? null : manager.email());
		REVIEW_ESCALATED.set(execution, false);
	}

}
