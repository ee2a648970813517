package io.github.serviceaccounts.lifecycle;

import io.github.serviceaccounts.request.ProcessVariable;

/**
 * The figures one sweep records on its own instance, so that an operator finds them next
 * to the instance (and in its history) and not only in the log.
 */
public final class SweepVariables {

	/** Running lifecycle instances when the sweep began. */
	public static final ProcessVariable<Long> GOVERNED = ProcessVariable.number("sweepGoverned");

	/** Account rows read from ServiceNow (pages and single reads). */
	public static final ProcessVariable<Long> READ = ProcessVariable.number("sweepRead");

	/** ServiceNow calls the sweep made. */
	public static final ProcessVariable<Long> CALLS = ProcessVariable.number("sweepCalls");

	public static final ProcessVariable<Long> OWNER_LEFT = ProcessVariable.number("sweepOwnerLeft");

	public static final ProcessVariable<Long> UNUSED = ProcessVariable.number("sweepUnused");

	/**
	 * Affected accounts whose lifecycle was not waiting for the news; asked again next
	 * time.
	 */
	public static final ProcessVariable<Long> BUSY = ProcessVariable.number("sweepBusy");

	/** Governed accounts gone or inactive in ServiceNow (incidents open, new or old). */
	public static final ProcessVariable<Long> MISSING = ProcessVariable.number("sweepMissing");

	public static final ProcessVariable<Long> ELAPSED_MILLIS = ProcessVariable.number("sweepElapsedMillis");

	private SweepVariables() {
	}

}
