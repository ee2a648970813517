package io.github.serviceaccounts.notification;

/**
 * What a mail says about the request it is about. Values come straight from process
 * variables, so any of the optional ones may be {@code null} or {@code ""} (Tasklist's
 * empty field); the mails show those as "none" (or fall back to the user id for a missing
 * name).
 *
 * @param businessKey the process instance's business key, which is the account user name
 * @param accountUserName the requested service account's {@code user_name}, e.g.
 * {@code svc_jira_sync}
 * @param displayName the account's display name
 * @param purpose what will call ServiceNow with the account, and why
 * @param requester the requester's (owner's) user id
 * @param requesterName the requester's full name; optional
 * @param groups the extra groups asked for or granted beyond the default group,
 * comma-separated; optional
 */
public record RequestSummary(String businessKey, String accountUserName, String displayName, String purpose,
		String requester, String requesterName, String groups) {
}
