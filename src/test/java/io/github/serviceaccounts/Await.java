package io.github.serviceaccounts;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling for something the engine or the application does in the background. */
public final class Await {

	private Await() {
	}

	/** Returns once the condition holds; fails with {@code what} after the deadline. */
	public static void waitFor(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
		Instant end = Instant.now().plus(deadline);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(end)) {
				throw new AssertionError("timed out after " + deadline + " waiting for " + what);
			}
			Thread.sleep(200);
		}
	}

}
