package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import io.github.serviceaccounts.servicenow.ServiceNowClient;

/**
 * The unmeasured work before a context's measured runs. The contexts of one JVM share the JIT, so the
 * first one warms it for all; every context then provisions its own instances, so that its database is not
 * empty when measured.
 */
final class WarmUp {

	private static boolean jitWarm;

	/** The ServiceNow path's curve: per round, [µs CPU of the process, of the calling threads, wall] per call. */
	static final List<double[]> callRounds = new ArrayList<>();

	// Whether that loop stopped because its CPU per call stopped falling (false: it reached WARMUP_CALLS).
	static boolean callsSettled;

	private WarmUp() {
	}

	/** Provisions warm-up instances in batches of at most 100 at 0 ms; the JVM's first context many more. */
	static void instances(App app, String prefix, int n) throws InterruptedException {
		int total = n;
		if (!jitWarm) {
			serviceNowPath(app);
			total = Settings.WARMUP_FIRST;
			jitWarm = true;
		}
		for (int batch = 0; total > 0; batch++) {
			int size = Math.min(100, total);
			Measure.throughput(app, prefix + batch, size, 0);
			total -= size;
			app.warmedUp += size;
		}
	}

	/** The ServiceNow path alone in a loop until its CPU per call stops falling (see {@link Settings#WARMUP_CALLS}). */
	static void serviceNowPath(App app) throws InterruptedException {
		if (Settings.WARMUP_CALLS <= 0) {
			return;
		}
		app.simulator.reset();
		try (ClientLoop loop = new ClientLoop(app.context.getBean(ServiceNowClient.class), app.jobThreads())) {
			for (int calls = 0; calls < Settings.WARMUP_CALLS; calls += Settings.WARMUP_CALLS_ROUND) {
				double[] perCall = loop.round(Settings.WARMUP_CALLS_ROUND);
				callRounds.add(perCall);
				Progress.print("%s: ServiceNow path warm-up, %d calls: %.0f µs CPU per call", app.label,
						calls + Settings.WARMUP_CALLS_ROUND, perCall[0]);
				int last = callRounds.size() - 1;
				if (last >= 2 && perCall[0] > 0.95 * callRounds.get(last - 1)[0]) {
					callsSettled = true;
					break;
				}
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the ServiceNow path's warm-up failed", ex.getCause());
		}
		app.simulator.reset();
	}

	/** Unmeasured instances at the measured latency: the new load sets the JIT compiling again. */
	static void atLatency(App app) throws InterruptedException {
		if (Settings.WARMUP_LATENCY > 0) {
			Measure.throughput(app, "wl", Settings.WARMUP_LATENCY, Settings.LATENCY_MS);
		}
	}
}
