package io.github.serviceaccounts.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.github.serviceaccounts.servicenow.InvalidQueryValueException;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * "Check request": validates the fields again (never trusting the form), finds the
 * requester in ServiceNow, makes sure the account name is free and requested only once,
 * checks the extra groups and finds an eligible approver. Every refusal names the field
 * and the rule.
 */
@Component
public class RequestCheck {

	/** The start event's form, whose labels a refusal uses (FormContractTests). */
	static final String REQUEST_FORM = "requestServiceAccount";

	private final RequestRules rules;

	private final ServiceNowClient serviceNow;

	private final GrantableGroups grantableGroups;

	private final OpenRequests openRequests;

	private final ApproverRouting routing;

	RequestCheck(RequestRules rules, ServiceNowClient serviceNow, GrantableGroups grantableGroups,
			OpenRequests openRequests, ServiceAccountsProperties properties) {
		this.rules = rules;
		this.serviceNow = serviceNow;
		this.grantableGroups = grantableGroups;
		this.openRequests = openRequests;
		this.routing = new ApproverRouting(properties.fallbackApproverGroup());
	}

	/**
	 * @throws RequestRefusedException with the reason to show the requester
	 */
	public CheckedRequest check(String requesterId, Map<String, Object> fields, String processInstanceId) {
		ServiceAccountRequest request;
		try {
			request = rules.validate(fields);
		}
		catch (InvalidRequestException ex) {
			throw new RequestRefusedException(ex.getMessage());
		}
		String requesterName = requesterUserName(requesterId);
		String accountName = QueryValues.userName(RequestVariables.ACCOUNT_USER_NAME.name(), request.accountUserName());
		// One call finds the requester (with the manager) and whoever holds the account
		// name.
		Map<String, Optional<UserAndManager>> users = serviceNow
			.findUsersAndManagersByUserNames(List.of(requesterName, accountName));
		UserAndManager found = users.get(requesterName)
			.orElseThrow(() -> new RequestRefusedException(
					"Requester: '" + requesterName + "' is not a ServiceNow user, so cannot own a service account."));
		if (!found.user().active()) {
			throw new RequestRefusedException(
					"Requester: '" + requesterName + "' is inactive in ServiceNow, so cannot own a service account.");
		}
		ServiceNowUser requester = found.user();
		if (users.get(accountName).isPresent()) {
			throw new RequestRefusedException(label(RequestVariables.ACCOUNT_USER_NAME) + ": '" + accountName
					+ "' is already taken in ServiceNow; choose another name.");
		}
		if (openRequests.existsOtherThan(accountName, processInstanceId)) {
			throw new RequestRefusedException(label(RequestVariables.ACCOUNT_USER_NAME)
					+ ": another open request already asks for '" + accountName + "'.");
		}
		List<GrantableGroups.GrantableGroup> groups = new ArrayList<>();
		// The default group is the installation's choice, not the requester's: if it
		// cannot be granted, that is for an operator to fix (an incident), not a refusal.
		groups.add(grantableGroups.require("serviceaccounts.default-group", rules.defaultGroup()));
		for (String group : request.additionalGroups()) {
			try {
				groups.add(grantableGroups.require(label(RequestVariables.ADDITIONAL_GROUPS), group));
			}
			catch (GrantableGroups.GroupNotGrantableException ex) {
				throw new RequestRefusedException(ex.getMessage());
			}
		}
		Optional<ServiceNowUser> manager = found.manager();
		String managerEmail = manager.filter(ServiceNowUser::active).map(ServiceNowUser::email).orElse(null);
		return new CheckedRequest(request, requester, manager, managerEmail, routing.route(requester, manager), groups);
	}

	/**
	 * A field as the request form labels it: the reason goes to the requester, in the
	 * revision task and in a mail.
	 */
	private static String label(ProcessVariable<?> field) {
		return FormLabels.deployed().label(REQUEST_FORM, field.name()).orElse(field.name());
	}

	private static String requesterUserName(String requesterId) {
		if (requesterId == null || requesterId.isBlank()) {
			throw new RequestRefusedException(
					"Requester: the request has no authenticated requester; start it from Tasklist or with credentials.");
		}
		try {
			return QueryValues.userName(RequestVariables.REQUESTER.name(),
					UserIdMapping.serviceNowUserName(requesterId));
		}
		catch (InvalidQueryValueException ex) {
			throw new RequestRefusedException(ex.getMessage());
		}
	}

}
