package io.github.serviceaccounts.request;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.github.serviceaccounts.servicenow.InvalidQueryValueException;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * "Check request": validates the fields again (never trusting the form), finds the requester in
 * ServiceNow, makes sure the account name is free and requested only once, checks the extra groups
 * and finds an eligible approver. Every refusal names the field and the rule.
 */
@Component
public class RequestCheck {

	private final RequestRules rules;
	private final ServiceNowClient serviceNow;
	private final GrantableGroups grantableGroups;
	private final OpenRequests openRequests;
	private final ApproverRouting routing;

	RequestCheck(RequestRules rules, ServiceNowClient serviceNow, GrantableGroups grantableGroups, OpenRequests openRequests,
			ServiceAccountsProperties properties) {
		this.rules = rules;
		this.serviceNow = serviceNow;
		this.grantableGroups = grantableGroups;
		this.openRequests = openRequests;
		this.routing = new ApproverRouting(properties.fallbackApproverGroup());
	}

	/** @throws RequestRefusedException with the reason to show the requester */
	public CheckedRequest check(String requesterId, Map<String, Object> fields, String processInstanceId) {
		ServiceAccountRequest request;
		try {
			request = rules.validate(fields);
		}
		catch (InvalidRequestException ex) {
			throw new RequestRefusedException(ex.getMessage());
		}
		UserAndManager found = findRequester(requesterId);
		ServiceNowUser requester = found.user();
		String accountName = QueryValues.userName(RequestVariables.ACCOUNT_USER_NAME.name(), request.accountUserName());
		if (serviceNow.findUserByUserName(accountName).isPresent()) {
			throw new RequestRefusedException("accountUserName: '" + accountName + "' is already taken in ServiceNow; choose another name");
		}
		if (openRequests.existsOtherThan(accountName, processInstanceId)) {
			throw new RequestRefusedException("accountUserName: another open request already asks for '" + accountName + "'");
		}
		for (String group : request.additionalGroups()) {
			try {
				grantableGroups.require(RequestVariables.ADDITIONAL_GROUPS.name(), group);
			}
			catch (GrantableGroups.GroupNotGrantableException ex) {
				throw new RequestRefusedException(ex.getMessage());
			}
		}
		Optional<ServiceNowUser> manager = found.manager();
		String managerEmail = manager.filter(ServiceNowUser::active).map(ServiceNowUser::email).orElse(null);
		return new CheckedRequest(request, requester, managerEmail, routing.route(requester, manager));
	}

	private UserAndManager findRequester(String requesterId) {
		if (requesterId == null || requesterId.isBlank()) {
			throw new RequestRefusedException("requester: the request has no authenticated requester; start it from Tasklist or with credentials");
		}
		String userName;
		try {
			userName = QueryValues.userName(RequestVariables.REQUESTER.name(), UserIdMapping.serviceNowUserName(requesterId));
		}
		catch (InvalidQueryValueException ex) {
			throw new RequestRefusedException(ex.getMessage());
		}
		UserAndManager found = serviceNow.findUserAndManagerByUserName(userName)
			.orElseThrow(() -> new RequestRefusedException("requester: '" + userName + "' is not a ServiceNow user, so cannot own a service account"));
		if (!found.user().active()) {
			throw new RequestRefusedException("requester: '" + userName + "' is inactive in ServiceNow, so cannot own a service account");
		}
		return found;
	}
}
