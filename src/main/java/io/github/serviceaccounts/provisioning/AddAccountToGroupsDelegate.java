package io.github.serviceaccounts.provisioning;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.GroupList;
import io.github.serviceaccounts.request.RequestRecords;
import io.github.serviceaccounts.request.ServiceAccountsProperties;

/**
 * "Add account to groups" and "Add requested groups": the default group, every group
 * granted so far and, after an approved access request, the requested ones. Records the
 * roles and the last login as evidence for the owner's validation.
 */
@Component
class AddAccountToGroupsDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(AddAccountToGroupsDelegate.class);

	private final ServiceAccounts accounts;

	private final String defaultGroup;

	AddAccountToGroupsDelegate(ServiceAccounts accounts, ServiceAccountsProperties properties) {
		this.accounts = accounts;
		this.defaultGroup = properties.defaultGroup();
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<String> granted = GroupList.parse(GRANTED_GROUPS.find(execution).orElse(null));
		Set<String> groups = new LinkedHashSet<>();
		groups.add(defaultGroup);
		groups.addAll(granted);
		if (SCOPE_MORE_ACCESS.equals(APPROVAL_SCOPE.find(execution).orElse(null))) {
			groups.addAll(GroupList.parse(REQUESTED_GROUPS.find(execution).orElse(null)));
		}
		// Groups grant access: only on an approval by somebody other than the requester,
		// on record.
		RequestRecords.requireApproval(execution);
		ServiceAccounts.Evidence evidence = accounts.addToGroups(AccountRef.of(execution), new ArrayList<>(groups));
		groups.remove(defaultGroup);
		GRANTED_GROUPS.set(execution, GroupList.format(groups));
		ACCOUNT_ROLES.set(execution, String.join(", ", evidence.roles()));
		ACCOUNT_LAST_LOGIN_TIME.set(execution, evidence.lastLoginTime());
		log.info("member of {}; roles: {}",
				groups.isEmpty() ? defaultGroup : defaultGroup + ", " + String.join(", ", groups),
				String.join(", ", evidence.roles()));
	}

}
