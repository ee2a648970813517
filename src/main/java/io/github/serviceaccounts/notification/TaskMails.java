package io.github.serviceaccounts.notification;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * "A task waits for you" mails for any process's tasks: a task listener calls
 * {@link #taskWaiting} as the task is created, once per address. The mail goes out later
 * in a job of its own, with the steps' retry cycle, and not at all if the task is done by
 * then (see {@code HandOffMails}).
 */
public final class TaskMails {

	private TaskMails() {
	}

	public static void taskWaiting(DelegateTask task, String to) {
		if (to != null && !to.isBlank()) {
			HandOffMails.scheduleTaskWaiting(task, to.strip());
		}
	}

}
