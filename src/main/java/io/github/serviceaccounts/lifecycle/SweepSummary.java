package io.github.serviceaccounts.lifecycle;

import java.time.Duration;

/**
 * One sweep's figures.
 *
 * @param calls the ServiceNow calls the sweep made: pages, the default group's look-up
 * (once per application start) and single reads; the client's one-time question whether
 * sys_user has identity_type is not counted here
 * @param missing governed accounts gone or inactive in ServiceNow, newly reported or
 * still open
 */
record SweepSummary(long governed, long read, long calls, long ownerLeft, long unused, long busy, long missing,
		Duration elapsed) {

	@Override
	public String toString() {
		return "governed " + governed + ", read " + read + ", calls " + calls + ", owner left " + ownerLeft
				+ ", unused " + unused + ", busy " + busy + ", missing " + missing + ", elapsed " + elapsed.toMillis()
				+ " ms";
	}

}
