package io.github.serviceaccounts.lifecycle;

import java.util.Date;

import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a sweep schedule Camunda cannot read, before the engine deploys
 * the sweep (whose failure would name neither the setting nor what it accepts).
 */
@Component
class SweepSettingCheck extends AbstractProcessEnginePlugin {

	private final LifecycleProperties settings;

	SweepSettingCheck(LifecycleProperties settings) {
		this.settings = settings;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		check(settings.sweep());
	}

	/**
	 * @return the next due date the setting gives from now
	 */
	static Date check(String sweep) {
		Date next;
		try {
			next = new CycleBusinessCalendar().resolveDuedate(sweep);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("serviceaccounts.lifecycle.sweep='" + sweep + "' is neither a cron "
					+ "expression as Camunda reads it (six or seven fields, seconds first, e.g. '0 0 2 * * ?') nor a "
					+ "repeating ISO-8601 interval (e.g. 'R/PT24H'): " + ex.getMessage(), ex);
		}
		if (next == null) {
			throw new IllegalArgumentException("serviceaccounts.lifecycle.sweep='" + sweep + "' never fires again;"
					+ " give a schedule that repeats, e.g. '0 0 2 * * ?' or 'R/PT24H'");
		}
		return next;
	}

}
