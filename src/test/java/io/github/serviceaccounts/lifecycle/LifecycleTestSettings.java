package io.github.serviceaccounts.lifecycle;

import java.time.Duration;

/** The lifecycle's settings as the unit tests use them: the defaults. */
final class LifecycleTestSettings {

	static final LifecycleProperties DEFAULTS = new LifecycleProperties(Duration.ofDays(180), Duration.ofDays(7),
			Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(14),
			Duration.ofDays(90), "0 0 2 * * ?", 1000);

	private LifecycleTestSettings() {
	}

}
