package io.github.serviceaccounts.request;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

/** A request that passed "Check request": what the rest of the process needs to know. */
public record CheckedRequest(ServiceAccountRequest request, ServiceNowUser requester, String managerEmail,
		Approver approver) {
}
