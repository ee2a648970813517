package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.*;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Builds the summary that mails show from the process variables. */
public final class RequestSummaries {

	private RequestSummaries() {
	}

	public static RequestSummary of(VariableScope scope) {
		String account = ACCOUNT_USER_NAME.get(scope);
		return new RequestSummary(account, account, DISPLAY_NAME.find(scope).orElse(account),
				PURPOSE.find(scope).orElse(""), REQUESTER.find(scope).orElse(""),
				REQUESTER_NAME.find(scope).orElse(REQUESTER.find(scope).orElse("")),
				GRANTED_GROUPS.find(scope).orElse(ADDITIONAL_GROUPS.find(scope).orElse("")));
	}

}
