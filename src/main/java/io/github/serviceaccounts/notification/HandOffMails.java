package io.github.serviceaccounts.notification;

import static io.github.serviceaccounts.request.RequestVariables.APPROVAL_COMMENT;
import static io.github.serviceaccounts.request.RequestVariables.APPROVAL_SCOPE;
import static io.github.serviceaccounts.request.RequestVariables.APPROVED;
import static io.github.serviceaccounts.request.RequestVariables.REFUSAL_REASON;
import static io.github.serviceaccounts.request.RequestVariables.SCOPE_MORE_ACCESS;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.RequestProcess;
import io.github.serviceaccounts.request.RequestVariables;

/**
 * The mails at each hand-off: to the approver when an approval is assigned or escalated,
 * to the requester when a request comes back for revision and when it is approved.
 * <p>
 * As a task listener it only schedules: a job of its own ({@value #TYPE}) that names the
 * task (or, for an approval, the process instance). The job sends the mail later, in its
 * own transaction, with the steps' retry cycle and an incident when the mail server stays
 * away. So a mail never holds up a task, never fails its completion, and never touches
 * the task's execution: the job belongs to no execution, so it cannot collide with the
 * person who completes the task a moment later. If the task is already done when the job
 * runs, there is nothing left to announce and no mail is sent.
 */
@Component("handOffMailListener")
class HandOffMails implements TaskListener, JobHandler<HandOffMails.Mail> {

	static final String TYPE = "service-account-mail";

	private static final Logger log = LoggerFactory.getLogger(HandOffMails.class);

	private final ServiceAccountMails mails;

	private final Recipients recipients;

	private final TasklistLinks links;

	private final LifecycleMails lifecycleMails;

	HandOffMails(ServiceAccountMails mails, Recipients recipients, TasklistLinks links, LifecycleMails lifecycleMails) {
		this.mails = mails;
		this.lifecycleMails = lifecycleMails;
		this.recipients = recipients;
		this.links = links;
	}

	/** What a mail announces, and which of the task or the instance it is about. */
	enum Occasion {

		APPROVAL_REQUESTED, APPROVAL_ESCALATED, REVISION_REQUESTED, REQUEST_APPROVED,

		/**
		 * Any other task waits for someone (the lifecycle's): the mail names the task,
		 * says what it asks (its description) and links to it.
		 */
		TASK_WAITING

	}

	/**
	 * The job's configuration: the occasion, the id of the task (or, for
	 * {@link Occasion#REQUEST_APPROVED}, of the process instance) and, when an approval
	 * goes to several approvers, the one address this job mails.
	 */
	record Mail(Occasion occasion, String id, String to) implements JobHandlerConfiguration {

		Mail {
			Objects.requireNonNull(occasion, "occasion");
			Objects.requireNonNull(id, "id");
		}

		Mail(Occasion occasion, String id) {
			this(occasion, id, null);
		}

		@Override
		public String toCanonicalString() {
			return occasion.name().toLowerCase(Locale.ROOT) + ":" + id + (to == null ? "" : ":" + to);
		}

		static Mail parse(String canonical) {
			String[] parts = canonical == null ? new String[0] : canonical.split(":", 3);
			if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
				throw new IllegalArgumentException("A hand-off mail job names an occasion and an id, got " + canonical);
			}
			return new Mail(Occasion.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1],
					parts.length == 3 ? parts[2] : null);
		}

	}

	// --- scheduling, as a task listener ---

	@Override
	public void notify(DelegateTask task) {
		String event = task.getEventName();
		String key = task.getTaskDefinitionKey();
		if (EVENTNAME_CREATE.equals(event) && RequestProcess.APPROVE_SERVICE_ACCOUNT.equals(key)) {
			schedule(task, new Mail(
					RequestVariables.escalated(task) ? Occasion.APPROVAL_ESCALATED : Occasion.APPROVAL_REQUESTED,
					task.getId()));
		}
		else if (EVENTNAME_CREATE.equals(event) && RequestProcess.REVISE_REQUEST.equals(key)) {
			schedule(task, new Mail(Occasion.REVISION_REQUESTED, task.getId()));
		}
		else if (EVENTNAME_COMPLETE.equals(event) && RequestProcess.APPROVE_SERVICE_ACCOUNT.equals(key)
				&& APPROVED.find(task).orElse(false)) {
			schedule(task, new Mail(Occasion.REQUEST_APPROVED, task.getProcessInstanceId()));
		}
	}

	/**
	 * Schedules the mail that tells {@code to} the task waits for them (see
	 * {@link TaskMails}).
	 */
	static void scheduleTaskWaiting(DelegateTask task, String to) {
		schedule(task, new Mail(Occasion.TASK_WAITING, task.getId(), Objects.requireNonNull(to, "to")));
	}

	private static void schedule(DelegateTask task, Mail mail) {
		schedule(task.getProcessInstanceId(), task.getProcessDefinitionId(), task.getTenantId(),
				task.getExecution() instanceof ExecutionEntity execution ? execution : null, mail);
	}

	private static void schedule(String processInstanceId, String processDefinitionId, String tenantId,
			ExecutionEntity execution, Mail mail) {
		MessageEntity job = new MessageEntity();
		job.setJobHandlerType(TYPE);
		job.setJobHandlerConfiguration(mail);
		// No execution: the job must never lock or update the task's execution.
		job.setProcessInstanceId(processInstanceId);
		job.setProcessDefinitionId(processDefinitionId);
		job.setTenantId(tenantId);
		if (execution != null) {
			job.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
			job.setDeploymentId(execution.getProcessDefinition().getDeploymentId());
		}
		Context.getCommandContext().getJobManager().send(job);
	}

	// --- sending, as the job's handler ---

	@Override
	public String getType() {
		return TYPE;
	}

	@Override
	public Mail newConfiguration(String canonicalString) {
		return Mail.parse(canonicalString);
	}

	@Override
	public void execute(Mail mail, ExecutionEntity none, CommandContext commandContext, String tenantId) {
		if (mail.occasion() == Occasion.REQUEST_APPROVED) {
			ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(mail.id());
			if (instance == null) {
				log.info("request {} has ended; no approval mail", mail.id());
				return;
			}
			mails.requestApproved(recipients.owner(instance), RequestSummaries.of(instance),
					APPROVAL_COMMENT.find(instance).orElse(null),
					SCOPE_MORE_ACCESS.equals(APPROVAL_SCOPE.find(instance).orElse(null)));
			return;
		}
		TaskEntity task = commandContext.getTaskManager().findTaskById(mail.id());
		if (task == null) {
			log.info("task {} is already done; no {} mail", mail.id(), mail.occasion());
			return;
		}
		String taskUrl = links.task(task.getId());
		switch (mail.occasion()) {
			case APPROVAL_REQUESTED, APPROVAL_ESCALATED -> toApprovers(task, mail, taskUrl);
			case TASK_WAITING -> taskWaiting(task, mail.to(), taskUrl);
			case REVISION_REQUESTED -> recipients.requester(task, task.getProcessInstanceId())
				.ifPresentOrElse(
						to -> mails.revisionRequested(to, RequestSummaries.of(task),
								REFUSAL_REASON.find(task).orElse(null), taskUrl),
						() -> log.warn("the request came back for revision, but the requester has no e-mail address"
								+ " in ServiceNow or Camunda; the task waits in Tasklist"));
			default -> throw new IllegalStateException("No hand-off mail for " + mail.occasion());
		}
	}

	private void taskWaiting(TaskEntity task, String to, String taskUrl) {
		String account = task.getExecution() == null ? null
				: Objects.toString(task.getExecution().getProcessBusinessKey(), null);
		List<String> paragraphs = new java.util.ArrayList<>();
		paragraphs.add("\"" + task.getName() + "\" is waiting for you in Tasklist.");
		if (task.getDescription() != null && !task.getDescription().isBlank()) {
			paragraphs.add(task.getDescription().strip());
		}
		lifecycleMails.send(List.of(to), account == null ? "(no account)" : account, "waiting for you", paragraphs,
				taskUrl);
		log.info("task-waiting mail sent for {}", task.getTaskDefinitionKey());
	}

	/**
	 * One approver: the mail. Several (a group): a job for each, so that a mail server
	 * that fails half-way through never sends the first ones twice when the job is tried
	 * again.
	 */
	private void toApprovers(TaskEntity task, Mail mail, String taskUrl) {
		List<String> to = mail.to() != null ? List.of(mail.to()) : recipients.approvers(task);
		if (to.isEmpty()) {
			log.warn("approval waiting, but no approver has an e-mail address to tell; the task waits in Tasklist");
			return;
		}
		if (to.size() > 1) {
			for (String address : to) {
				schedule(task.getProcessInstanceId(), task.getProcessDefinitionId(), task.getTenantId(),
						task.getExecution(), new Mail(mail.occasion(), mail.id(), address));
			}
			return;
		}
		if (mail.occasion() == Occasion.APPROVAL_ESCALATED) {
			mails.approvalEscalated(to.get(0), RequestSummaries.of(task), taskUrl);
		}
		else {
			mails.approvalRequested(to.get(0), RequestSummaries.of(task), taskUrl);
		}
		log.info("{} mail sent", mail.occasion() == Occasion.APPROVAL_ESCALATED ? "escalation" : "approval");
	}

	@Override
	public void onDelete(Mail mail, JobEntity job) {
		// Nothing of its own to clean up.
	}

}
