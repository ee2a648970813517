package io.github.serviceaccounts.notification;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;

import io.github.serviceaccounts.request.GroupList;

/**
 * The mails of the service-account process, one method per occasion. Each renders a
 * plain-text and an HTML part from {@code templates/mail/<name>.txt|.html} and hands them
 * to the {@link Mailer} (the HTML part only to a mailer that sends it).
 * <p>
 * Subjects all start with "Service account &lt;user name&gt;" so a recipient's mail
 * client groups everything about one account. Optional values that are missing or empty
 * read "none".
 */
@Service
public class ServiceAccountMails {

	static final String NONE = "none";

	private final Mailer mailer;

	private final MailTemplates templates = new MailTemplates();

	public ServiceAccountMails(Mailer mailer) {
		this.mailer = Objects.requireNonNull(mailer, "mailer");
	}

	/** To the approver when the approval task is created; links to that task. */
	public void approvalRequested(String to, RequestSummary request, String taskUrl) {
		send(recipient(to), request, "approval-requested", "approval needed",
				Map.of("taskUrl", required(taskUrl, "taskUrl")), List.of());
	}

	/**
	 * To the approver once the approval task is past its due date; links to that task.
	 */
	public void approvalReminder(String to, RequestSummary request, String taskUrl) {
		send(recipient(to), request, "approval-reminder", "reminder, approval still needed",
				Map.of("taskUrl", required(taskUrl, "taskUrl")), List.of());
	}

	/**
	 * To each fallback approver when the manager has not decided in time; links to the
	 * approval task now offered to them.
	 */
	public void approvalEscalated(String to, RequestSummary request, String taskUrl) {
		send(recipient(to), request, "approval-escalated", "approval passed to you",
				Map.of("taskUrl", required(taskUrl, "taskUrl")), List.of());
	}

	/**
	 * To the requester: "Check request" sent the request back, with the reason; links to
	 * the revision task.
	 */
	public void revisionRequested(String to, RequestSummary request, String refusalReason, String taskUrl) {
		send(recipient(to), request, "revision-requested", "please revise your request",
				Map.of("refusalReason", orNone(refusalReason), "taskUrl", required(taskUrl, "taskUrl")), List.of());
	}

	/**
	 * To the requester: the approver said yes, to a new account or to more access.
	 * @param moreAccess true when the approval was for more groups on an existing account
	 */
	public void requestApproved(String to, RequestSummary request, String approvalComment, boolean moreAccess) {
		send(recipient(to), request, "request-approved", moreAccess ? "more access approved" : "request approved",
				Map.of("approvalComment", orNone(approvalComment), "moreAccess", moreAccess), List.of());
	}

	/** To the requester: the approver said no; nothing was created. */
	public void requestRejected(String to, RequestSummary request, String approvalComment) {
		send(recipient(to), request, "request-rejected", "request rejected",
				Map.of("approvalComment", orNone(approvalComment)), List.of());
	}

	/**
	 * To the owner: the extra groups asked for during validation were refused; the
	 * account keeps its access.
	 */
	public void moreAccessRefused(String to, RequestSummary request, String requestedGroups, String approvalComment) {
		send(recipient(to), request, "more-access-refused", "more access refused",
				Map.of("requestedGroups", groupList(requestedGroups), "approvalComment", orNone(approvalComment)),
				List.of());
	}

	/**
	 * To the owner: the one-time password and how to try out REST calls. The password
	 * goes into the body only and is declared a secret of the mail, so a logging mailer
	 * masks it. The caller keeps ownership of the array (this method neither keeps nor
	 * clears it).
	 */
	public void credentials(String to, RequestSummary request, char[] oneTimePassword, String restApiExplorerUrl) {
		if (oneTimePassword == null || oneTimePassword.length == 0) {
			throw new IllegalArgumentException("The credentials mail needs a one-time password, got none");
		}
		// Thymeleaf and Jakarta Mail only take strings; this copy lives as long as the
		// mail does.
		String password = new String(oneTimePassword);
		send(recipient(to), request, "credentials", "your one-time password",
				Map.of("password", password, "restApiExplorerUrl", required(restApiExplorerUrl, "restApiExplorerUrl")),
				List.of(password));
	}

	/** To the owner once the validation task is past its due date. */
	public void validationReminder(String to, RequestSummary request, String taskUrl) {
		send(recipient(to), request, "validation-reminder", "reminder, please confirm your calls work",
				Map.of("taskUrl", required(taskUrl, "taskUrl")), List.of());
	}

	/**
	 * To the owner and their manager: GUI access is gone, the account is live for web
	 * services only. A missing or repeated address is skipped, so a manager without an
	 * email address does not keep the owner from being told.
	 * @param validationTimedOut true when nobody confirmed within 30 days and GUI access
	 * was removed anyway
	 */
	public void accountLive(List<String> to, RequestSummary request, boolean validationTimedOut) {
		List<String> recipients = to == null ? List.of()
				: to.stream().filter(address -> address != null && !address.isBlank()).distinct().toList();
		send(recipients, request, "account-live", null, Map.of("validationTimedOut", validationTimedOut), List.of());
	}

	/**
	 * To the owner, who cancelled during validation: the account is deactivated and
	 * locked out.
	 */
	public void accountWithdrawn(String to, RequestSummary request) {
		send(recipient(to), request, "account-withdrawn", "withdrawn and deactivated", Map.of(), List.of());
	}

	private void send(List<String> to, RequestSummary request, String template, String subjectSuffix,
			Map<String, Object> values, List<String> secrets) {
		Objects.requireNonNull(request, "request");
		String account = accountName(request);
		String subject = subjectSuffix == null ? "Service account " + account + " is live (web services only)"
				: "Service account " + account + ": " + subjectSuffix;
		Map<String, Object> model = new HashMap<>(values);
		model.put("subject", subject);
		model.put("account", account);
		model.put("displayName", orNone(request.displayName()));
		model.put("purpose", orNone(request.purpose()));
		model.put("owner", person(request));
		model.put("ownerGreeting", ownerGreeting(request));
		model.put("groups", groupList(request.groups()));
		String html = mailer.sendsHtml() ? templates.html(template, model) : null;
		mailer.send(new OutgoingMail(to, subject, templates.text(template, model), html, secrets));
	}

	private static String accountName(RequestSummary request) {
		String name = hasText(request.accountUserName()) ? request.accountUserName() : request.businessKey();
		if (!hasText(name)) {
			throw new IllegalArgumentException("A service-account mail needs the account user name, got none");
		}
		// The subject is a mail header; a line break in it would start a new header.
		return name.strip().replaceAll("\\p{Cntrl}", "");
	}

	/**
	 * "Hello Alice Example," for mails to the owner alone; just "Hello," when neither
	 * name nor id is known.
	 */
	private static String ownerGreeting(RequestSummary request) {
		String name = hasText(request.requesterName()) ? request.requesterName() : request.requester();
		return hasText(name) ? "Hello " + name.strip() + "," : "Hello,";
	}

	/** "Alice Example (alice)", or whichever of the two is known. */
	private static String person(RequestSummary request) {
		boolean hasName = hasText(request.requesterName());
		boolean hasId = hasText(request.requester());
		if (hasName && hasId) {
			return request.requesterName().strip() + " (" + request.requester().strip() + ")";
		}
		return hasName ? request.requesterName().strip() : orNone(request.requester());
	}

	/** "a, b" from "a,b" or " a , b ,", "none" when no group is named. */
	private static String groupList(String commaSeparated) {
		List<String> groups = GroupList.parse(commaSeparated);
		return groups.isEmpty() ? NONE : GroupList.format(groups);
	}

	private static List<String> recipient(String to) {
		// Arrays.asList, not List.of: a null address should fail in OutgoingMail with a
		// message, not here with an NPE.
		return Arrays.asList(to);
	}

	private static String required(String value, String name) {
		if (!hasText(value)) {
			throw new IllegalArgumentException("The mail needs " + name + ", got none");
		}
		return value.strip();
	}

	private static String orNone(String value) {
		return hasText(value) ? value.strip() : NONE;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
