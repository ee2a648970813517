package io.github.serviceaccounts.lifecycle;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes a changed {@code serviceaccounts.lifecycle.sweep} take effect at the next start.
 * <p>
 * Camunda evaluates a start timer's cycle once, when the model is deployed, and keeps the
 * result in the timer job. The application deploys its models with duplicate filtering,
 * so an unchanged {@code serviceAccountSweep.bpmn} is not deployed again and its timer
 * would keep the old schedule for ever (with {@code reevaluateTimeCycleWhenDue}, which
 * {@code application.yaml} turns on, until it fires once more: up to a day late). So when
 * the application starts, the timer's schedule is compared with the setting and, when
 * they differ, the timer is moved to the setting's next due date.
 */
@Component
class SweepSchedule {

	private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

	private final ProcessEngine engine;

	private final LifecycleTimers timers;

	SweepSchedule(ProcessEngine engine, LifecycleTimers timers) {
		this.engine = engine;
		this.timers = timers;
	}

	@EventListener(ApplicationStartedEvent.class)
	void applySetting() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		String setting = timers.getSweep();
		configuration.getCommandExecutorTxRequired().execute((CommandContext context) -> {
			List<JobEntity> jobs = context.getJobManager()
				.findJobsByConfiguration(TimerStartEventJobHandler.TYPE, SweepProcess.PROCESS_ID, null);
			for (JobEntity job : jobs) {
				if (job instanceof TimerEntity timer && !sameSchedule(timer.getRepeat(), setting)) {
					Date due = new CycleBusinessCalendar().resolveDuedate(setting);
					log.info(
							"serviceaccounts.lifecycle.sweep changed from '{}' to '{}': the next sweep is due {}"
									+ " (was {})",
							timer.getRepeat(), setting, due.toInstant(), timer.getDuedate().toInstant());
					timer.setRepeat(setting.startsWith("R") ? TimerEntity.replaceRepeatCycleAndDate(setting) : setting);
					timer.setDuedate(due);
				}
			}
			return null;
		});
	}

	/**
	 * Whether the timer follows the setting already. A repeating interval's timer holds
	 * its start (R/2026-12-05T10:00:00/PT24H for R/PT24H): the same repetitions and
	 * period are the same schedule, as for Camunda's own re-evaluation.
	 */
	static boolean sameSchedule(String repeat, String setting) {
		if (repeat == null) {
			return false;
		}
		String[] held = repeat.split("/");
		String[] wanted = setting.split("/");
		if (held.length == 3 && wanted.length == 2) {
			return held[0].equals(wanted[0]) && held[2].equals(wanted[1]);
		}
		return repeat.equals(setting);
	}

}
